package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.config.ServiceConfiguration;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Lets a request through to a {@link BearerAuth} method only with the right bearer token. Tokens are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, which takes the same time wherever
 * they differ and whatever their lengths; they are never logged. An unset token refuses everything.
 */
@Provider
@BearerAuth
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthFilter implements ContainerRequestFilter {

    static final String CHALLENGE = "Bearer realm=\"service-metrics\"";
    private static final String SCHEME = "bearer ";

    @Inject
    ServiceConfiguration configuration;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        BearerAuth.Token token = required();
        Optional<String> expected = token == BearerAuth.Token.WEBHOOK ? configuration.webhookToken() : configuration.apiToken();
        if (expected.isEmpty()) {
            throw refused(token == BearerAuth.Token.WEBHOOK
                    ? "Neither WEBHOOK_TOKEN nor API_TOKEN is set on the service, so the webhook accepts no request"
                    : "API_TOKEN is not set on the service, so every mutating endpoint refuses requests", "");
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw refused("Send Authorization: Bearer <" + (token == BearerAuth.Token.WEBHOOK ? "WEBHOOK_TOKEN" : "API_TOKEN") + ">", "");
        }
        if (!sameSecret(expected.get(), header.substring(SCHEME.length()).trim())) {
            throw refused("The bearer token is wrong", ", error=\"invalid_token\"");
        }
    }

    private BearerAuth.Token required() {
        BearerAuth onMethod = resource.getResourceMethod().getAnnotation(BearerAuth.class);
        BearerAuth annotation = onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(BearerAuth.class);
        return annotation.value();
    }

    private static NotAuthorizedException refused(String detail, String error) {
        return new NotAuthorizedException(detail, CHALLENGE + error);
    }

    static boolean sameSecret(String expected, String presented) {
        return MessageDigest.isEqual(sha256(expected), sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
