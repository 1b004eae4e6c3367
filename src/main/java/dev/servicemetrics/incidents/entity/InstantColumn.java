package dev.servicemetrics.incidents.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Instants in TIMESTAMP WITH TIME ZONE columns. JPA 3.1 (EclipseLink 4) does not map Instant itself.
 * An instant is written as a java.sql.Timestamp, which both drivers store exactly in a zoned column;
 * it is read back as whatever the driver hands over for such a column — PostgreSQL's a Timestamp,
 * H2's an OffsetDateTime — hence the column type Object.
 */
@Converter(autoApply = true)
public class InstantColumn implements AttributeConverter<Instant, Object> {

    @Override
    public Object convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    @Override
    public Instant convertToEntityAttribute(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (column instanceof OffsetDateTime offsetDateTime) {
            return offsetDateTime.toInstant();
        }
        if (column instanceof Instant instant) {
            return instant;
        }
        throw new IllegalArgumentException("not a TIMESTAMP WITH TIME ZONE value: " + column.getClass().getName());
    }
}
