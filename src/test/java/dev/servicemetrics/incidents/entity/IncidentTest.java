package dev.servicemetrics.incidents.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentTest {

    static final Instant T0 = Instant.parse("2026-02-09T10:30:00Z");

    static Incident open() {
        return Incident.reported(new NewIncident("Disk full", Severity.CRITICAL, Map.of("host", "db-1"), Map.of(),
                Optional.of(T0), Optional.empty()), "carol", T0.plusSeconds(5));
    }

    @Test
    void reportedIncidentIsOpenAndItsTimelineSaysWhoOpenedIt() {
        Incident incident = open();
        assertEquals(IncidentStatus.OPEN, incident.status());
        assertEquals(IncidentSource.MANUAL, incident.source());
        assertEquals(T0, incident.startsAt());
        assertEquals(T0.plusSeconds(5), incident.createdAt());
    }

    @Test
    void acknowledgingRecordsWhoAndWhenAndOnlyOnce() {
        Incident incident = open();
        incident.acknowledge("alice", T0.plusSeconds(60), Optional.of("on it"));
        assertEquals(IncidentStatus.ACKNOWLEDGED, incident.status());
        assertEquals(Optional.of("alice"), incident.acknowledgedBy());
        assertEquals(Optional.of(T0.plusSeconds(60)), incident.acknowledgedAt());
        IncidentConflict again = assertThrows(IncidentConflict.class, () -> incident.acknowledge("bob", T0.plusSeconds(61), Optional.empty()));
        assertTrue(again.getMessage().contains("already acknowledged by alice at 2026-02-09T10:31:00.000Z"), again.getMessage());
    }

    @Test
    void aResolvedIncidentCannotBeAcknowledgedNorResolvedAgainButTakesNotes() {
        Incident incident = open();
        incident.resolve("alice", T0.plusSeconds(90), T0.plusSeconds(90), Optional.empty());
        assertTrue(incident.isResolved());
        assertThrows(IncidentConflict.class, () -> incident.acknowledge("bob", T0.plusSeconds(100), Optional.empty()));
        assertThrows(IncidentConflict.class, () -> incident.resolve("bob", T0.plusSeconds(100), T0.plusSeconds(100), Optional.empty()));
        TimelineEvent note = incident.addNote("bob", T0.plusSeconds(120), "post-mortem on Monday");
        assertEquals(EventType.NOTE, note.type());
        assertEquals(Optional.of("post-mortem on Monday"), note.message());
    }

    @Test
    void resolvingWhenTheAlertEndedKeepsThatTimeAndUpdatesAtTheChange() {
        Incident incident = open();
        incident.resolve("alertmanager", T0.plusSeconds(300), T0.plusSeconds(900), Optional.of("alert resolved"));
        assertEquals(Optional.of(T0.plusSeconds(300)), incident.resolvedAt());
        assertEquals(T0.plusSeconds(900), incident.updatedAt());
    }

    @Test
    void timesAreKeptToTheMillisecond() {
        Incident incident = open();
        incident.acknowledge("alice", Instant.parse("2026-02-09T10:31:00.123456789Z"), Optional.empty());
        assertEquals(Optional.of(Instant.parse("2026-02-09T10:31:00.123Z")), incident.acknowledgedAt());
    }

    @Test
    void alertFiringAgainLinksToTheEarlierIncident() {
        Alert alert = new Alert("abc", T0, Optional.empty(), true, Map.of("alertname", "HighCpu", "severity", "critical"),
                Map.of("summary", "CPU above 90%"), Optional.empty());
        Incident first = Incident.fromAlert(alert, Optional.empty(), "alertmanager", "received by webhook", T0);
        assertEquals("HighCpu: CPU above 90%", first.title());
        assertEquals(Severity.CRITICAL, first.severity());
        assertEquals(new AlertKey("abc", T0), first.alertKey());
        Alert again = new Alert("abc", T0.plusSeconds(3600), Optional.empty(), true, alert.labels(), alert.annotations(), Optional.empty());
        Incident second = Incident.fromAlert(again, Optional.of(first), "alertmanager", "received by webhook", T0.plusSeconds(3600));
        assertEquals(first.id(), second.previousIncidentId().orElse(null));
    }

    @Test
    void overlongTitlesAndLabelValuesAreCutToTheirColumns() {
        Alert alert = new Alert("abc", T0, Optional.empty(), true, Map.of("alertname", "x".repeat(600), "url", "u".repeat(2000)),
                Map.of(), Optional.empty());
        Incident incident = Incident.fromAlert(alert, Optional.empty(), "alertmanager", "received by webhook", T0);
        assertEquals(Incident.TITLE_LENGTH, incident.title().length());
        assertEquals(Incident.LABEL_VALUE_LENGTH, incident.labels().get("url").length());
        assertTrue(incident.title().endsWith("…"));
    }
}
