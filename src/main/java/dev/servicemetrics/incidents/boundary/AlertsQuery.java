package dev.servicemetrics.incidents.boundary;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The query parameters of GET /api/incidents/{id}/alerts: status, limit and the cursor of the next page. */
public class AlertsQuery {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final String CURSOR_PREFIX = "alert:";

    String status;

    String limit;

    String cursor;

    static AlertsQuery of(MultivaluedMap<String, String> parameters) {
        AlertsQuery query = new AlertsQuery();
        query.status = parameters.getFirst("status");
        query.limit = parameters.getFirst("limit");
        query.cursor = parameters.getFirst("cursor");
        return query;
    }

    /** firing → true, resolved → false, absent → both. */
    Optional<Boolean> firing() {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        return switch (status.trim()) {
            case "firing" -> Optional.of(true);
            case "resolved" -> Optional.of(false);
            default -> throw new BadRequestException("status must be firing or resolved; got '" + status + "'");
        };
    }

    int limit() {
        return IncidentQuery.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    }

    long afterId() {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_PREFIX)) {
                return Long.parseLong(text.substring(CURSOR_PREFIX.length()));
            }
        } catch (IllegalArgumentException malformed) {
            // answered below
        }
        throw new BadRequestException("cursor is not one this API gave; pass nextCursor back unchanged");
    }

    static String cursorAfter(long alertId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + alertId).getBytes(StandardCharsets.UTF_8));
    }
}
