package dev.servicemetrics.incidents.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BearerAuthFilterTest {

    @Test
    void onlyTheSameSecretMatches() {
        assertTrue(BearerAuthFilter.sameSecret("s3cret", "s3cret"));
        assertFalse(BearerAuthFilter.sameSecret("s3cret", "s3cre"));
        assertFalse(BearerAuthFilter.sameSecret("s3cret", "s3cret "));
        assertFalse(BearerAuthFilter.sameSecret("s3cret", ""));
    }

    @Test
    void duringARotationEitherTokenMatches() {
        java.util.List<String> both = java.util.List.of("old-token", "new-token");
        assertTrue(BearerAuthFilter.accepted(both, "old-token"));
        assertTrue(BearerAuthFilter.accepted(both, "new-token"));
        assertFalse(BearerAuthFilter.accepted(both, "old-tokennew-token"));
        assertFalse(BearerAuthFilter.accepted(java.util.List.of(), "anything"));
    }
}
