package dev.servicemetrics.web;

import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** An RFC 9457 problem detail, the body of every error the service answers. */
public record Problem(int status, String title, String detail, String instance, Map<String, String> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(int status, String detail, String instance) {
        this(status, titleOf(status), detail, instance, Map.of());
    }

    /**
     * A failure nobody expected: logged once here, with its stack and a correlation id, and answered with that id
     * only, so that a report can be matched with the log line and the client learns nothing of the inside.
     */
    public static Problem internalError(int status, String path, Throwable thrown, Logger log) {
        String correlationId = UUID.randomUUID().toString();
        log.log(Level.SEVERE, status + " " + path + " [correlationId=" + correlationId + "]", thrown);
        return new Problem(status, "Internal error; quote correlation id " + correlationId + " when reporting it", path)
                .with("correlationId", correlationId);
    }

    public Problem with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(status, title, detail, instance, Map.copyOf(more));
    }

    public String toJson() {
        JsonObjectBuilder json = JsonFactory.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status)
                .add("detail", detail == null ? title : detail);
        if (instance != null) {
            json.add("instance", instance);
        }
        extensions.forEach(json::add);
        return json.build().toString();
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE + ";charset=UTF-8").entity(toJson()).build();
    }

    /** The answer of a servlet (outside JAX-RS); no body for a HEAD request. */
    public void writeTo(HttpServletResponse response, boolean withBody) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (withBody) {
            response.getWriter().write(toJson());
        }
    }

    /** RFC 9110 reason phrases (JAX-RS still has the older names for 413 and 422). */
    static String titleOf(int status) {
        return switch (status) {
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known != null ? known.getReasonPhrase() : status >= 500 ? "Server Error" : "Client Error";
            }
        };
    }
}
