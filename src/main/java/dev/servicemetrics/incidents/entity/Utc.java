package dev.servicemetrics.incidents.entity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Times of incidents live in TIMESTAMP WITH TIME ZONE columns, mapped as OffsetDateTime: JPA 3.1
 * (EclipseLink 4) maps that type on both drivers, which hand the column over differently (H2 as an
 * OffsetDateTime, PostgreSQL as a Timestamp that EclipseLink converts), and binds a null of it as a
 * zoned timestamp. The entities expose Instants, kept to the millisecond the API shows.
 */
final class Utc {

    private Utc() {
    }

    static OffsetDateTime column(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime column) {
        return column == null ? null : column.toInstant();
    }
}
