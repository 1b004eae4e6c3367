package dev.servicemetrics.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    @Test
    void theWebSocketOfThePagesOwnHostIsAllowed() {
        String policy = SecurityHeaders.policy("metrics.example.com:8443");
        assertTrue(policy.contains("connect-src 'self' ws://metrics.example.com:8443 wss://metrics.example.com:8443;"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertTrue(policy.contains("script-src 'self';"), policy);
        assertTrue(SecurityHeaders.policy("[::1]:8005").contains("ws://[::1]:8005 "));
    }

    @Test
    void aHostThatCouldAddDirectivesIsLeftOut() {
        for (String hostile : new String[] {"evil.com; script-src *", "a b", "x,y", "", "host'"}) {
            String policy = SecurityHeaders.policy(hostile);
            assertTrue(policy.contains("connect-src 'self';"), policy);
            assertFalse(policy.contains("*"), policy);
        }
        assertEquals(SecurityHeaders.policy(null), SecurityHeaders.policy("a b"));
    }
}
