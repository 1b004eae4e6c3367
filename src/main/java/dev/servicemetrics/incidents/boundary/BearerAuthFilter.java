package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.web.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.logging.Logger;

/**
 * Lets a request through to a {@link BearerAuth} method only with one of the accepted bearer tokens (several
 * during a rotation). Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, every accepted
 * one every time, which takes the same time wherever they differ and whatever their lengths; they are never
 * logged. An unset token refuses everything. A client address that presented too many wrong tokens is answered
 * 429 with Retry-After until its window ends (see {@link FailedAuthentications}).
 */
@Provider
@BearerAuth
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthFilter implements ContainerRequestFilter {

    static final String CHALLENGE = "Bearer realm=\"service-metrics\"";
    private static final String SCHEME = "bearer ";
    private static final Logger LOG = Logger.getLogger(BearerAuthFilter.class.getName());

    @Inject
    ServiceConfiguration configuration;

    @Inject
    AuthThrottle throttle;

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        BearerAuth.Token token = required();
        List<String> expected = token == BearerAuth.Token.WEBHOOK ? configuration.webhookTokens() : configuration.apiTokens();
        if (expected.isEmpty()) {
            throw refused(token == BearerAuth.Token.WEBHOOK
                    ? "Neither WEBHOOK_TOKEN nor API_TOKEN is set on the service, so the webhook accepts no request"
                    : "API_TOKEN is not set on the service, so every mutating endpoint refuses requests", "");
        }
        String address = servletRequest.getRemoteAddr();
        var wait = throttle.blocked(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            request.abortWith(Response.fromResponse(new Problem(429,
                            "Too many wrong bearer tokens from " + address + "; try again in " + seconds + " s",
                            request.getUriInfo().getRequestUri().getRawPath()).toResponse())
                    .header(HttpHeaders.RETRY_AFTER, seconds).build());
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw refused("Send Authorization: Bearer <" + (token == BearerAuth.Token.WEBHOOK ? "WEBHOOK_TOKEN" : "API_TOKEN") + ">", "");
        }
        if (!accepted(expected, header.substring(SCHEME.length()).trim())) {
            throttle.failed(address, token);
            LOG.fine(() -> "Wrong bearer token from " + address);
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

    /** Compares with every accepted token, never stopping at a match, so the time says nothing about which matched. */
    static boolean accepted(List<String> expected, String presented) {
        byte[] digest = sha256(presented);
        boolean match = false;
        for (String token : expected) {
            match |= MessageDigest.isEqual(sha256(token), digest);
        }
        return match;
    }

    static boolean sameSecret(String expected, String presented) {
        return accepted(List.of(expected), presented);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
