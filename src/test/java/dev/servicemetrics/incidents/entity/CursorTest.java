package dev.servicemetrics.incidents.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void aCursorComesBackAsItWentOut() {
        Cursor cursor = new Cursor(IncidentSort.MOST_SEVERE, List.of(3L, 1700000000123L, 42L));
        assertEquals(Optional.of(cursor), Cursor.decode(cursor.encode(), IncidentSort.MOST_SEVERE));
        assertTrue(cursor.encode().matches("[A-Za-z0-9_-]+"), "URL-safe without escaping");
    }

    @Test
    void aCursorOfAnotherSortOrGarbageIsNoCursor() {
        Cursor cursor = new Cursor(IncidentSort.STARTED_LATEST, List.of(1700000000123L, 42L));
        assertEquals(Optional.empty(), Cursor.decode(cursor.encode(), IncidentSort.STARTED_EARLIEST));
        assertEquals(Optional.empty(), Cursor.decode("not base64!", IncidentSort.STARTED_LATEST));
        assertEquals(Optional.empty(), Cursor.decode("LXN0YXJ0ZWRBdDp4Onk", IncidentSort.STARTED_LATEST));
        assertEquals(Optional.empty(), Cursor.decode(new Cursor(IncidentSort.STARTED_LATEST, List.of(1L)).encode(), IncidentSort.STARTED_LATEST));
    }

    @Test
    void colonsAloneOrATrailingColonAreNoCursor() {
        assertEquals(Optional.empty(), Cursor.decode(base64(":"), IncidentSort.STARTED_LATEST));
        assertEquals(Optional.empty(), Cursor.decode(base64("::"), IncidentSort.STARTED_LATEST));
        assertEquals(Optional.empty(), Cursor.decode(base64("-startedAt:1700000000123:42:"), IncidentSort.STARTED_LATEST));
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
