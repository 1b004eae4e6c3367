package dev.servicemetrics.web;

import dev.servicemetrics.CauseChain;
import dev.servicemetrics.database.TransientDatabaseFault;
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
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Every exception that leaves a JAX-RS resource becomes application/problem+json, logged once. A body
 * that passed its limit while being parsed is a 413; a database out of reach is a 503 with Retry-After,
 * never a 4xx or 500, because Alertmanager retries a 5xx webhook answer and drops a 4xx one.
 */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class.getName());
    static final String RETRY_AFTER_SECONDS = "5";

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
        if (problem.status() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, null).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    private Problem problemFor(Throwable thrown, String path) {
        CauseChain causes = CauseChain.of(thrown);
        Optional<BodyTooLarge> tooLarge = causes.first(BodyTooLarge.class);
        if (tooLarge.isPresent()) {
            LOG.info(() -> "413 " + path + ": " + tooLarge.get().getMessage());
            return new Problem(413, tooLarge.get().getMessage(), path);
        }
        Optional<UpstreamFailure> upstream = causes.first(UpstreamFailure.class);
        if (upstream.isPresent()) {
            LOG.warning(() -> upstream.get().status() + " " + path + ": " + upstream.get().getMessage());
            return new Problem(upstream.get().status(), upstream.get().getMessage(), path);
        }
        Optional<Throwable> unavailable = TransientDatabaseFault.in(thrown);
        if (unavailable.isPresent()) {
            LOG.warning(() -> "503 " + path + ": the database is unavailable: " + describe(unavailable.get()));
            return new Problem(503, "The database is unavailable for the moment; retry in " + RETRY_AFTER_SECONDS + " seconds", path);
        }
        Throwable malformed = malformedJson(causes);
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
        return Problem.internalError(500, path, thrown, LOG);
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


    /** "PSQLException: Connection to 127.0.0.1:5432 refused." — one line, no stack: the cause is known. */
    private static String describe(Throwable fault) {
        String message = fault.getMessage() == null ? "" : fault.getMessage().strip(); // EclipseLink's starts with a line break
        return fault.getClass().getSimpleName() + ": " + firstLine(message);
    }

    private static Throwable malformedJson(CauseChain causes) {
        return causes.stream()
                .filter(cause -> cause instanceof JsonbException || cause instanceof JsonException
                        || cause instanceof ProcessingException && cause.getCause() == null)
                .findFirst().orElse(null);
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
