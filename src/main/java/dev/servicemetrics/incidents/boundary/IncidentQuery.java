package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.incidents.control.JsonFields;
import dev.servicemetrics.incidents.entity.Cursor;
import dev.servicemetrics.incidents.entity.IncidentFilter;
import dev.servicemetrics.incidents.entity.IncidentSort;
import dev.servicemetrics.incidents.entity.IncidentSource;
import dev.servicemetrics.incidents.entity.IncidentStatus;
import dev.servicemetrics.incidents.entity.Severity;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The query parameters of GET /api/incidents, checked: a value the API does not know is a 400 that
 * says what it accepts, never silently ignored.
 */
public class IncidentQuery {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    List<String> status;

    List<String> severity;

    List<String> source;

    String q;

    List<String> label;

    String from;

    String to;

    String sort;

    String limit;

    String cursor;

    /** From the request's decoded query parameters (read once, not injected field by field per request). */
    static IncidentQuery of(MultivaluedMap<String, String> parameters) {
        IncidentQuery query = new IncidentQuery();
        query.status = parameters.get("status");
        query.severity = parameters.get("severity");
        query.source = parameters.get("source");
        query.q = parameters.getFirst("q");
        query.label = parameters.get("label");
        query.from = parameters.getFirst("from");
        query.to = parameters.getFirst("to");
        query.sort = parameters.getFirst("sort");
        query.limit = parameters.getFirst("limit");
        query.cursor = parameters.getFirst("cursor");
        return query;
    }

    IncidentFilter filter() {
        Optional<Instant> start = time("from", from);
        Optional<Instant> end = time("to", to);
        if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
            throw new BadRequestException("from must be before to");
        }
        return new IncidentFilter(
                values("status", status, IncidentStatus.class, IncidentStatus::fromWire, IncidentStatus::wireName),
                values("severity", severity, Severity.class, Severity::fromWire, Severity::wireName),
                values("source", source, IncidentSource.class, IncidentSource::fromWire, IncidentSource::wireName),
                Optional.ofNullable(q).map(String::trim).filter(text -> !text.isEmpty()),
                labels(),
                start, end);
    }

    IncidentSort sort() {
        if (sort == null || sort.isBlank()) {
            return IncidentSort.DEFAULT;
        }
        return IncidentSort.fromWire(sort.trim()).orElseThrow(() ->
                new BadRequestException("sort must be one of " + IncidentSort.allowed() + "; got '" + sort + "'"));
    }

    Optional<Cursor> cursor(IncidentSort order) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Cursor.decode(cursor.trim(), order).orElseThrow(() -> new BadRequestException(
                "cursor is not one this API gave for sort=" + order.wireName() + "; pass nextCursor back unchanged, with the same sort")));
    }

    int limit() {
        return limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** A page size: {@code fallback} when absent, else a whole number from 1 to {@code max}, else a 400 saying so. */
    static int limit(String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new BadRequestException("limit must be a whole number from 1 to " + max + "; got '" + value + "'");
    }

    private List<IncidentFilter.LabelMatch> labels() {
        if (label == null) {
            return List.of();
        }
        return label.stream().map(match -> {
            int colon = match.indexOf(':');
            if (colon < 1) {
                throw new BadRequestException("label must be key:value, such as label=instance:node-1:9100; got '" + match + "'");
            }
            return new IncidentFilter.LabelMatch(match.substring(0, colon), match.substring(colon + 1));
        }).toList();
    }

    /** ISO-8601 with an offset or Z, such as 2026-02-09T10:30:00Z. */
    static Optional<Instant> time(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonFields.withinYears(OffsetDateTime.parse(value.trim()).toInstant()));
        } catch (DateTimeException e) {
            throw new BadRequestException(name + " must be an ISO-8601 time such as 2026-02-09T10:30:00Z; got '" + value + "'");
        }
    }

    /** Repeated parameters and comma lists alike: status=open,acknowledged or status=open&status=acknowledged. */
    private static <E extends Enum<E>> Set<E> values(String name, List<String> raw, Class<E> type,
                                                     Function<String, Optional<E>> parse, Function<E, String> wireName) {
        Set<E> values = EnumSet.noneOf(type);
        if (raw == null) {
            return values;
        }
        raw.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).filter(v -> !v.isEmpty())
                .forEach(value -> values.add(parse.apply(value).orElseThrow(() -> new BadRequestException(
                        name + " must be one of " + Arrays.stream(type.getEnumConstants()).map(wireName)
                                .collect(Collectors.joining(", ")) + "; got '" + value + "'"))));
        return values;
    }
}
