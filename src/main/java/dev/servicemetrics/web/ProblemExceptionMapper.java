package dev.servicemetrics.web;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every exception that leaves a JAX-RS resource becomes application/problem+json, logged once. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable thrown) {
        String path = uri == null ? null : "/api/" + uri.getPath().replaceFirst("^/", "");
        Problem problem = problemFor(thrown, path);
        Response.ResponseBuilder response = Response.fromResponse(problem.toResponse());
        if (thrown instanceof WebApplicationException web) {
            copy(web.getResponse(), response, HttpHeaders.WWW_AUTHENTICATE);
            copy(web.getResponse(), response, HttpHeaders.ALLOW);
            copy(web.getResponse(), response, HttpHeaders.RETRY_AFTER);
        }
        return response.build();
    }

    private Problem problemFor(Throwable thrown, String path) {
        Throwable malformed = malformedJson(thrown);
        if (malformed != null) {
            LOG.info(() -> "400 " + path + ": malformed JSON: " + malformed.getMessage());
            return new Problem(400, "The request body is not valid JSON: " + firstLine(malformed.getMessage()), path);
        }
        if (thrown instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            String detail = detailOf(web, status);
            LOG.info(() -> status + " " + path + ": " + detail);
            return new Problem(status, detail, path);
        }
        String correlationId = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "500 " + path + " [correlationId=" + correlationId + "]", thrown);
        return new Problem(500, "Internal error; quote correlation id " + correlationId + " when reporting it", path)
                .with("correlationId", correlationId);
    }

    private static String detailOf(WebApplicationException web, int status) {
        String message = web.getMessage();
        boolean generic = message == null || message.startsWith("HTTP " + status);
        return switch (status) {
            case 404 -> generic ? "No resource at this path" : message;
            case 405 -> generic ? "Method not allowed here; allowed: " + web.getResponse().getAllowedMethods() : message;
            case 406 -> generic ? "Cannot produce the requested media type" : message;
            case 415 -> generic ? "Unsupported media type; send application/json" : message;
            default -> generic ? Problem.titleOf(status) : message;
        };
    }

    private static Throwable malformedJson(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException) {
                return cause;
            }
            if (cause instanceof ProcessingException && cause.getCause() == null) {
                return cause;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static void copy(Response from, Response.ResponseBuilder to, String header) {
        Object value = from.getHeaders().getFirst(header);
        if (value != null) {
            to.header(header, value);
        }
    }
}
