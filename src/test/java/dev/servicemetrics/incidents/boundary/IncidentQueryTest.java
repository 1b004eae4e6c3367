package dev.servicemetrics.incidents.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicemetrics.incidents.entity.IncidentFilter;
import dev.servicemetrics.incidents.entity.IncidentSort;
import dev.servicemetrics.incidents.entity.IncidentStatus;
import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncidentQueryTest {

    @Test
    void nothingGivenIsEverythingNewestFirstFiftyAtATime() {
        IncidentQuery query = new IncidentQuery();
        assertEquals(IncidentFilter.all(), query.filter());
        assertEquals(IncidentSort.STARTED_LATEST, query.sort());
        assertEquals(50, query.limit());
        assertEquals(Optional.empty(), query.cursor(IncidentSort.STARTED_LATEST));
    }

    @Test
    void commaListsAndRepeatsAreAlternativesAndLabelValuesMayHoldColons() {
        IncidentQuery query = new IncidentQuery();
        query.status = List.of("open, acknowledged", "open");
        query.label = List.of("instance:node-1:9100");
        query.from = "2026-02-09T11:30:00+01:00";
        IncidentFilter filter = query.filter();
        assertEquals(Set.of(IncidentStatus.OPEN, IncidentStatus.ACKNOWLEDGED), filter.statuses());
        assertEquals(List.of(new IncidentFilter.LabelMatch("instance", "node-1:9100")), filter.labels());
        assertEquals(Optional.of(Instant.parse("2026-02-09T10:30:00Z")), filter.from());
    }

    @Test
    void whatTheApiDoesNotKnowIsA400() {
        IncidentQuery query = new IncidentQuery();
        query.limit = "500";
        assertEquals(500, query.limit());
        query.limit = "501";
        assertThrows(BadRequestException.class, query::limit);
        query.sort = "-title";
        assertThrows(BadRequestException.class, query::sort);
        query.label = List.of(":x");
        assertThrows(BadRequestException.class, query::filter);
    }
}
