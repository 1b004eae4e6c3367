package dev.servicemetrics.web;

import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** An RFC 9457 problem detail, the body of every error the service answers. */
public record Problem(int status, String title, String detail, String instance, Map<String, String> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(int status, String detail, String instance) {
        this(status, titleOf(status), detail, instance, Map.of());
    }

    public Problem with(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(extensions);
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
