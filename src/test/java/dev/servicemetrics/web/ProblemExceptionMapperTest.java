package dev.servicemetrics.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.InternalServerErrorException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.ConnectException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.persistence.exceptions.DatabaseException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

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

    private static TransactionalException databaseDown() {
        PSQLException refused = new PSQLException("Connection to 127.0.0.1:5432 refused.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));
        RollbackException rollback = new RollbackException("rolled back");
        rollback.initCause(new PersistenceException(DatabaseException.sqlException(refused, true)));
        return new TransactionalException("commit failed", rollback);
    }

    @Test
    void databaseOutageIs503WithRetryAfter() {
        for (RuntimeException thrown : new RuntimeException[] {databaseDown(), new InternalServerErrorException(databaseDown())}) {
            Response response = mapper.toResponse(thrown);
            assertEquals(503, response.getStatus());
            assertEquals("5", response.getHeaderString(HttpHeaders.RETRY_AFTER));
            assertEquals("application/problem+json", response.getMediaType().toString().split(";")[0]);
            String body = (String) response.getEntity();
            assertTrue(body.contains("\"status\":503"), body);
            assertFalse(body.contains("Exception"), "no exception named to the client: " + body);
        }
    }

    @Test
    void aBugStays500WithoutRetryAfter() {
        Response response = mapper.toResponse(new NullPointerException("a bug"));
        assertEquals(500, response.getStatus());
        assertNull(response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void bodyOverItsLimitWhileParsedIs413NamingTheLimit() {
        BodyTooLarge tooLarge = new BodyTooLarge(BodySizeLimit.tooLarge(2 * 1024 * 1024, "more than 2097152 bytes (chunked)"));
        for (Throwable thrown : new Throwable[] {tooLarge, new JsonException("I/O error while parsing JSON", tooLarge),
                new BadRequestException(new JsonException("I/O error", tooLarge))}) {
            Response response = mapper.toResponse(thrown);
            assertEquals(413, response.getStatus(), thrown.toString());
            assertTrue(((String) response.getEntity()).contains("larger than 2 MiB (2097152 bytes)"), (String) response.getEntity());
        }
    }

    private static JsonObject body(Response response) {
        return Json.createReader(new StringReader((String) response.getEntity())).readObject();
    }
}
