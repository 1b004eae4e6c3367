package dev.servicemetrics.incidents.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Positive;

class AlertsQueryPropertiesTest {

    @Property
    void theCursorAfterAnAlertLeadsBackToIt(@ForAll @Positive long alertId) {
        AlertsQuery query = new AlertsQuery();
        query.cursor = AlertsQuery.cursorAfter(alertId);
        assertEquals(alertId, query.afterId());
    }

    @Property
    void anyCursorIsAnIdOrABadRequest(@ForAll("cursors") String cursor) {
        AlertsQuery query = new AlertsQuery();
        query.cursor = cursor;
        ParserContract.valueOrBadRequest(query::afterId);
    }

    @Property
    void anyLimitIsOneToTheMaximumOrABadRequest(@ForAll("numbers") String limit) {
        AlertsQuery query = new AlertsQuery();
        query.limit = limit;
        ParserContract.valueOrBadRequest(() -> {
            int value = query.limit();
            assertTrue(value >= 1 && value <= AlertsQuery.MAX_LIMIT, "limit " + value);
            return value;
        });
    }

    @Property
    void anyStatusIsFiringResolvedBothOrABadRequest(@ForAll("statuses") String status) {
        AlertsQuery query = new AlertsQuery();
        query.status = status;
        ParserContract.valueOrBadRequest(query::firing);
    }

    @Provide
    Arbitrary<String> cursors() {
        return Arbitraries.oneOf(
                Arbitraries.strings(),
                Arbitraries.strings().withChars("alert:-+0123456789 \u0000\u202e").ofMaxLength(30)
                        .map(text -> Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8))),
                Arbitraries.longs().map(AlertsQuery::cursorAfter).map(cursor -> cursor + "="));
    }

    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.oneOf(Arbitraries.strings(), Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(n -> " " + n + " "), Arbitraries.strings().numeric().ofMaxLength(25),
                Arbitraries.of("", " ", "+1", "1e2", "0x10", "٣", "1_0", null));
    }

    @Provide
    Arbitrary<String> statuses() {
        return Arbitraries.oneOf(Arbitraries.strings(), Arbitraries.of("firing", " resolved ", "FIRING", "", null));
    }
}
