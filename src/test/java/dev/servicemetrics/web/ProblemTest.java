package dev.servicemetrics.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void rendersRfc9457Members() {
        JsonObject json = Json.createReader(new StringReader(
                new Problem(404, "No incident 42", "/api/incidents/42").with("correlationId", "abc").toJson())).readObject();
        assertEquals("about:blank", json.getString("type"));
        assertEquals("Not Found", json.getString("title"));
        assertEquals(404, json.getInt("status"));
        assertEquals("No incident 42", json.getString("detail"));
        assertEquals("/api/incidents/42", json.getString("instance"));
        assertEquals("abc", json.getString("correlationId"));
    }

    @Test
    void statusesWithoutAJaxRsConstantStillGetATitle() {
        assertEquals("Content Too Large", Problem.titleOf(413));
        assertEquals("Unprocessable Content", Problem.titleOf(422));
    }
}
