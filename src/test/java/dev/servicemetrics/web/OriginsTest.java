package dev.servicemetrics.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OriginsTest {

    @Test
    void originOfTheRequestedHostIsSameOrigin() {
        assertTrue(Origins.sameHost("https://metrics.example.com", "metrics.example.com"));
        assertTrue(Origins.sameHost("http://localhost:8005", "localhost:8005"));
    }

    @Test
    void otherHostsOrPortsAreNot() {
        assertFalse(Origins.sameHost("http://localhost:3000", "localhost:8005"));
        assertFalse(Origins.sameHost("http://evil.example.com", "metrics.example.com"));
        assertFalse(Origins.sameHost("null", "metrics.example.com"));
        assertFalse(Origins.sameHost("http://localhost:8005", null));
    }
}
