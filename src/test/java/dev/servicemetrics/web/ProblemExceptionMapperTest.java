package dev.servicemetrics.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemExceptionMapperTest {

    private final ProblemExceptionMapper mapper = new ProblemExceptionMapper();

    @Test
    void unexpectedFailureIsA500WithACorrelationIdThatIsAlsoLogged() {
        List<LogRecord> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord record) { logged.add(record); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger logger = Logger.getLogger(ProblemExceptionMapper.class.getName());
        logger.addHandler(capture);
        try {
            Response response = mapper.toResponse(new IllegalStateException("database exploded: password=hunter2"));
            JsonObject problem = body(response);
            assertEquals(500, response.getStatus());
            assertEquals("application/problem+json;charset=UTF-8", response.getMediaType().toString());
            String correlationId = problem.getString("correlationId");
            assertTrue(problem.getString("detail").contains(correlationId));
            assertFalse(problem.toString().contains("hunter2"), "the cause stays in the log, not in the answer");
            assertEquals(1, logged.size(), "logged once");
            assertTrue(logged.get(0).getMessage().contains(correlationId));
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void clientErrorsKeepTheirStatus() {
        assertEquals(404, mapper.toResponse(new NotFoundException("No incident 7")).getStatus());
        assertEquals("No incident 7", body(mapper.toResponse(new NotFoundException("No incident 7"))).getString("detail"));
    }

    @Test
    void unauthorizedKeepsTheChallengeHeader() {
        Response response = mapper.toResponse(new NotAuthorizedException("Bearer realm=\"service-metrics\""));
        assertEquals(401, response.getStatus());
        assertEquals("Bearer realm=\"service-metrics\"", response.getHeaderString("WWW-Authenticate"));
    }

    @Test
    void malformedJsonIsA400() {
        Response response = mapper.toResponse(new jakarta.ws.rs.ProcessingException(
                new JsonParsingException("Unexpected char 125 at (line no=1, column no=9)", null)));
        assertEquals(400, response.getStatus());
        assertTrue(body(response).getString("detail").startsWith("The request body is not valid JSON"));
    }

    private static JsonObject body(Response response) {
        return Json.createReader(new StringReader((String) response.getEntity())).readObject();
    }
}
