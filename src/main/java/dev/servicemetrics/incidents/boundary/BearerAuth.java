package dev.servicemetrics.incidents.boundary;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The annotated resource method needs {@code Authorization: Bearer <token>}; see {@link BearerAuthFilter}. */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface BearerAuth {

    Token value() default Token.API;

    enum Token {
        /** API_TOKEN: every mutation of the REST API. */
        API,
        /** WEBHOOK_TOKEN (API_TOKEN when unset): what Alertmanager sends to the webhook. */
        WEBHOOK
    }
}
