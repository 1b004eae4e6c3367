package dev.servicemetrics.incidents.boundary;

import static dev.servicemetrics.incidents.boundary.ParserContract.valueOrBadRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.incidents.entity.Cursor;
import dev.servicemetrics.incidents.entity.IncidentSort;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class IncidentQueryPropertiesTest {

    @Property
    void anyFilterIsAFilterOrABadRequest(@ForAll("words") List<String> status, @ForAll("words") List<String> severity,
                                         @ForAll("words") List<String> source, @ForAll("texts") String q,
                                         @ForAll("words") List<String> label, @ForAll("times") String from,
                                         @ForAll("times") String to) {
        IncidentQuery query = new IncidentQuery();
        query.status = status;
        query.severity = severity;
        query.source = source;
        query.q = q;
        query.label = label;
        query.from = from;
        query.to = to;
        valueOrBadRequest(query::filter).ifPresent(filter -> {
            filter.from().ifPresent(start -> filter.to().ifPresent(end -> assertTrue(start.isBefore(end))));
            filter.text().ifPresent(text -> assertTrue(!text.isEmpty() && text.equals(text.trim())));
            filter.labels().forEach(match -> assertTrue(!match.name().isEmpty() && !match.name().contains(":")));
        });
    }

    @Property
    void anySortIsASortOrABadRequest(@ForAll("sorts") String sort) {
        IncidentQuery query = new IncidentQuery();
        query.sort = sort;
        valueOrBadRequest(query::sort);
    }

    @Property
    void anyLimitIsOneToTheMaximumOrABadRequest(@ForAll("texts") String limit) {
        IncidentQuery query = new IncidentQuery();
        query.limit = limit;
        valueOrBadRequest(query::limit).ifPresent(value -> assertTrue(value >= 1 && value <= IncidentQuery.MAX_LIMIT));
    }

    @Property
    void anyCursorIsACursorForTheSortOrABadRequest(@ForAll("cursors") String cursor, @ForAll IncidentSort sort) {
        IncidentQuery query = new IncidentQuery();
        query.cursor = cursor;
        valueOrBadRequest(() -> query.cursor(sort)).flatMap(found -> found).ifPresent(found -> assertEquals(sort, found.sort()));
    }

    @Property
    void aCursorTheApiGaveIsTakenBack(@ForAll IncidentSort sort, @ForAll("keys") List<Long> after) {
        Cursor cursor = new Cursor(sort, after.subList(0, sort.orders().size()));
        IncidentQuery query = new IncidentQuery();
        query.cursor = " " + cursor.encode() + " ";
        assertEquals(Optional.of(cursor), query.cursor(sort));
    }

    @Provide
    Arbitrary<List<Long>> keys() {
        return Arbitraries.longs().list().ofSize(3);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(JsonTrees.texts(), Arbitraries.integers().map(String::valueOf),
                Arbitraries.strings().numeric().ofMaxLength(12).map(n -> " " + n), Arbitraries.just(null));
    }

    @Provide
    Arbitrary<List<String>> words() {
        Arbitrary<String> word = Arbitraries.oneOf(JsonTrees.texts(),
                Arbitraries.of("open", "acknowledged", "resolved", "critical", "warning", "info", "alertmanager", "manual",
                        "open,resolved", " open , ", ",,", "job:api", ":api", "instance:node-1:9100", "a:"));
        return word.list().ofMaxSize(3).injectNull(0.3);
    }

    @Provide
    Arbitrary<String> times() {
        return Arbitraries.oneOf(texts(), JsonTrees.time().map(time -> time.toString().replace("\"", "")),
                Arbitraries.of("2026-02-09T10:30:00+01:00", "2026-02-09T10:30:00", "+999999999-12-31T23:59:59-18:00",
                        "-999999999-01-01T00:00:00+18:00", "2026-02-30T00:00:00Z"));
    }

    @Provide
    Arbitrary<String> sorts() {
        return Arbitraries.oneOf(texts(), Arbitraries.of(IncidentSort.class).map(sort -> " " + sort.wireName() + "\t"));
    }

    @Provide
    Arbitrary<String> cursors() {
        return Arbitraries.oneOf(texts(), Arbitraries.of(IncidentSort.class).flatMap(sort -> keys()
                .map(after -> new Cursor(sort, after.subList(0, sort.orders().size())).encode())));
    }
}
