package dev.servicemetrics.incidents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.servicemetrics.incidents.entity.RenderedIncident;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderedIncidentsTest {

    @Test
    void anItemIsKnownOnlyAtTheVersionItWasWrittenFrom() {
        RenderedIncidents rendered = new RenderedIncidents(1_000);
        RenderedIncident seven = item(1, 7, 10);
        rendered.remember(List.of(seven));
        assertSame(seven, rendered.known(Map.of(1L, 7L)).get(1L));
        assertEquals(Map.of(), rendered.known(Map.of(1L, 8L)), "a newer version in the database is not known");
        assertEquals(Map.of(), rendered.known(Map.of(1L, 6L)), "nor an older one");
        assertEquals(Map.of(), rendered.known(Map.of(2L, 7L)));
    }

    @Test
    void aPageWrittenFromAnOlderReadNeverReplacesANewerItem() {
        RenderedIncidents rendered = new RenderedIncidents(1_000);
        RenderedIncident newer = item(1, 8, 10);
        rendered.remember(List.of(newer));
        rendered.remember(List.of(item(1, 7, 10)));
        assertSame(newer, rendered.known(Map.of(1L, 8L)).get(1L));
        RenderedIncident newest = item(1, 9, 30);
        rendered.remember(List.of(newest));
        assertSame(newest, rendered.known(Map.of(1L, 9L)).get(1L));
        assertEquals(30, rendered.bytes(), "the replaced version's bytes no longer count");
    }

    @Test
    void pastItsBytesTheLeastRecentlyListedGo() {
        RenderedIncidents rendered = new RenderedIncidents(100);
        rendered.remember(List.of(item(1, 1, 40), item(2, 1, 40)));
        rendered.known(Map.of(1L, 1L));
        rendered.remember(List.of(item(3, 1, 40)));
        assertEquals(2, rendered.size());
        assertEquals(80, rendered.bytes());
        assertEquals(Map.of(), rendered.known(Map.of(2L, 1L)), "listed least recently");
        assertEquals(2, rendered.known(Map.of(1L, 1L, 3L, 1L)).size());
    }

    @Test
    void anItemLargerThanEverythingIsNotKept() {
        RenderedIncidents rendered = new RenderedIncidents(100);
        rendered.remember(List.of(item(1, 1, 40), item(2, 1, 200)));
        assertEquals(0, rendered.size());
        assertEquals(0, rendered.bytes());
    }

    private static RenderedIncident item(long id, long version, int bytes) {
        return new RenderedIncident(id, version, new byte[bytes]);
    }
}
