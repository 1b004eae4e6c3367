package dev.servicemetrics.health;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A health check of something every replica shares (Prometheus, Alertmanager, the database): reported by
 * /health (503 "degraded") and /health/dependencies, never by readiness. A shared dependency failing a
 * readiness probe would take every replica out of the load balancer at once, and hide the dashboard exactly
 * when it should show "stale".
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface SharedDependency {

    final class Literal extends AnnotationLiteral<SharedDependency> implements SharedDependency {
        public static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
