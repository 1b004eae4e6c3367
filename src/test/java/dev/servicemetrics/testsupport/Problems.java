package dev.servicemetrics.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** What every error answer of the service must be: RFC 9457 problem+json, no stack trace. */
public final class Problems {

    private Problems() {
    }

    /** A problem whose instance is the path that was asked for. */
    public static JsonObject assertProblem(HttpResponse<String> response, int status) {
        return assertProblem(response, status, response.request().uri().getRawPath());
    }

    public static JsonObject assertProblem(HttpResponse<String> response, int status, String instance) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonObject problem = Http.json(response);
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(problem.getString("detail").isBlank());
        assertEquals(instance, problem.getString("instance"));
        assertFalse(response.body().contains("Exception"), "no stack trace: " + response.body());
        return problem;
    }
}
