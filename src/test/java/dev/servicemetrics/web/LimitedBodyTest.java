package dev.servicemetrics.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class LimitedBodyTest {

    @Test
    void aBodyUpToTheLimitReadsWhole() throws IOException {
        byte[] body = new byte[1000];
        body[999] = 7;
        try (InputStream limited = new LimitedBody(new ByteArrayInputStream(body), 1000)) {
            assertArrayEquals(body, limited.readAllBytes());
        }
    }

    @Test
    void oneByteOverTheLimitFailsNamingItAndDrainsTheRest() {
        ByteArrayInputStream source = new ByteArrayInputStream(new byte[3 * 1024 * 1024]);
        LimitedBody limited = new LimitedBody(source, 2 * 1024 * 1024);
        BodyTooLarge failure = assertThrows(BodyTooLarge.class, limited::readAllBytes);
        assertTrue(failure.getMessage().startsWith("The request body is larger than 2 MiB (2097152 bytes)"), failure.getMessage());
        assertEquals(0, source.available(), "the rest of the body was read and dropped");
    }

    @Test
    void singleByteReadsCountToo() throws IOException {
        LimitedBody limited = new LimitedBody(new ByteArrayInputStream(new byte[3]), 2);
        limited.read();
        limited.read();
        assertThrows(BodyTooLarge.class, limited::read);
    }
}
