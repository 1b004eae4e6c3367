package dev.servicemetrics.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonObjectBodyTest {

    private final JsonObjectBody reader = new JsonObjectBody();

    private JsonObject read(String body) throws IOException {
        return reader.readFrom(JsonObject.class, JsonObject.class, new java.lang.annotation.Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anObjectIsRead() throws IOException {
        assertEquals("b", read(" \n{\"a\":\"b\"}").getString("a"));
        assertEquals("b", read("\uFEFF{\"a\":\"b\"}").getString("a"));
    }

    @Test
    void anEmptyBodyIsNoBody() throws IOException {
        assertNull(read(""));
        assertNull(read("  \r\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"[]|an array", "null|null", "\"x\"|a string", "1|a number", "-2.5|a number",
            "true|a boolean", "<xml/>|something that is not JSON"})
    void anythingButAnObjectIsA400SayingWhatIsExpected(String body, String got) {
        BadRequestException refused = assertThrows(BadRequestException.class, () -> read(body));
        assertEquals("The request body must be a JSON object ({...}); got " + got, refused.getMessage());
    }

    @Test
    void aDeeplyNestedBodyIsMalformedJsonNotAnInternalError() {
        String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        JsonException refused = assertThrows(JsonException.class, () -> read(deep));
        Response answer = new ProblemExceptionMapper().toResponse(refused);
        assertEquals(400, answer.getStatus());
        assertTrue(answer.getEntity().toString().contains("nested"), answer.getEntity().toString());
    }
}
