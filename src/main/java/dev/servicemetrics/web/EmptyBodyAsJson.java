package dev.servicemetrics.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * A request without a body and without a Content-Type (e.g. {@code POST /api/incidents/7/resolve}) is
 * one whose JSON body is omitted, which the endpoints with an optional body accept. Jersey (Payara)
 * hands such a request to their {@code @Consumes(application/json)} methods; RESTEasy (WildFly) answers
 * 415. Naming the type the body would have had makes both servers answer alike.
 */
@Provider
@PreMatching
public class EmptyBodyAsJson implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null && withoutBody(request)) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    private static boolean withoutBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return "0".equals(length) || length == null && request.getHeaderString("Transfer-Encoding") == null;
    }
}
