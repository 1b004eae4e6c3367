package dev.servicemetrics.incidents.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
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

    static Notification group(int alerts) {
        List<Alert> firing = new java.util.ArrayList<>();
        for (int i = 0; i < alerts; i++) {
            firing.add(new Alert("f" + i, T0, Optional.empty(), true, Map.of("alertname", "HighCpu", "instance", "node-" + i),
                    Map.of(), Optional.empty()));
        }
        return new Notification(new AlertGroup("svc", Map.of("alertname", "HighCpu")), Map.of("alertname", "HighCpu", "job", "node"),
                Map.of(), 0, firing);
    }

    @Test
    void aGroupFiringAgainLinksToTheEarlierIncident() {
        Incident first = Incident.fromGroup(group(3), 7L, T0, 3, Optional.empty(), "alertmanager", "received by webhook", T0);
        assertEquals("HighCpu — 3 alerts", first.title());
        assertEquals(Map.of("alertname", "HighCpu"), first.groupLabels());
        assertEquals(Map.of("alertname", "HighCpu", "job", "node"), first.labels());
        Incident second = Incident.fromGroup(group(1), 7L, T0.plusSeconds(3600), 1, Optional.of(first), "alertmanager",
                "received by webhook", T0.plusSeconds(3600));
        assertEquals(first.id(), second.previousIncidentId().orElse(null));
        assertEquals(Optional.of(7L), second.groupId());
    }

    @Test
    void severityIsTheMostSevereFiringAlertAndTheIncidentResolvesWhenNoneFires() {
        Incident incident = Incident.fromGroup(group(2), 7L, T0, 2, Optional.empty(), "alertmanager", "received by webhook", T0);
        incident.tally(new AlertTally(2, 2, Optional.of(Severity.CRITICAL), Optional.empty()), "alertmanager", T0);
        assertEquals(Severity.CRITICAL, incident.severity());
        assertEquals(IncidentStatus.OPEN, incident.status());
        incident.acknowledge("alice", T0.plusSeconds(10), Optional.empty());
        incident.alertsJoined(1, "alertmanager", "received by webhook", T0.plusSeconds(20), "{instance=node-9}");
        incident.tally(new AlertTally(3, 3, Optional.of(Severity.CRITICAL), Optional.empty()), "alertmanager", T0.plusSeconds(20));
        assertEquals(IncidentStatus.ACKNOWLEDGED, incident.status(), "a newcomer leaves an acknowledged incident acknowledged");
        incident.tally(new AlertTally(0, 3, Optional.empty(), Optional.of(T0.plusSeconds(60))), "reconciliation", T0.plusSeconds(90));
        assertEquals(IncidentStatus.RESOLVED, incident.status());
        assertEquals(Optional.of(T0.plusSeconds(60)), incident.resolvedAt());
        assertEquals(Optional.of("reconciliation"), incident.resolvedBy());
    }

    @Test
    void aPersonsResolutionWinsOverAlertsThatKeepFiring() {
        Incident incident = Incident.fromGroup(group(2), 7L, T0, 2, Optional.empty(), "alertmanager", "received by webhook", T0);
        incident.resolve("alice", T0.plusSeconds(5), T0.plusSeconds(5), Optional.empty());
        incident.tally(new AlertTally(2, 2, Optional.of(Severity.WARNING), Optional.empty()), "alertmanager", T0.plusSeconds(9));
        incident.tally(new AlertTally(0, 2, Optional.empty(), Optional.of(T0.plusSeconds(60))), "alertmanager", T0.plusSeconds(90));
        assertEquals(Optional.of("alice"), incident.resolvedBy());
        assertEquals(Optional.of(T0.plusSeconds(5)), incident.resolvedAt());
    }

    @Test
    void overlongTitlesAndLabelValuesAreCutToTheirColumns() {
        Notification notification = new Notification(new AlertGroup("svc", Map.of()), Map.of("alertname", "x".repeat(600),
                "url", "u".repeat(2000)), Map.of(), 0, List.of());
        Incident incident = Incident.fromGroup(notification, 1L, T0, 1, Optional.empty(), "alertmanager", "received by webhook", T0);
        assertEquals(Incident.TITLE_LENGTH, incident.title().length());
        assertEquals(Incident.LABEL_VALUE_LENGTH, incident.labels().get("url").length());
        assertTrue(incident.title().endsWith("…"));
    }

    @Test
    void aLabelCutToItsColumnStaysWhenTheNextNotificationStillSharesIt() {
        String longValue = "x".repeat(3000);
        Map<String, String> common = Map.of("alertname", "Big", "long", longValue, "gone", "soon");
        Notification first = new Notification(new AlertGroup("r", Map.of("alertname", "Big")), common, Map.of(), 0, List.of());
        Incident incident = Incident.fromGroup(first, 1, T0, 1, Optional.empty(), "alertmanager", "webhook", T0);
        assertEquals("x".repeat(Incident.LABEL_VALUE_LENGTH - 1) + "…", incident.labels().get("long"), "cut with a marker");
        incident.describedBy(new Notification(first.group(), Map.of("alertname", "Big", "long", longValue), Map.of(), 0, List.of()),
                T0.plusSeconds(60));
        assertEquals(Map.of("alertname", "Big", "long", "x".repeat(Incident.LABEL_VALUE_LENGTH - 1) + "…"), incident.labels(),
                "kept, and a label no longer shared is dropped");
    }

    @Test
    void labelsTheAlertsNoLongerShareChangeTheIncidentAndTheSameDescriptionDoesNot() {
        Notification first = new Notification(new AlertGroup("r", Map.of("alertname", "Disk")),
                Map.of("alertname", "Disk", "zone", "eu"), Map.of(), 0, List.of());
        Incident incident = Incident.fromGroup(first, 1, T0, 1, Optional.empty(), "alertmanager", "webhook", T0);
        incident.describedBy(first, T0.plusSeconds(30));
        assertEquals(T0, incident.updatedAt(), "the same description again changes nothing");
        incident.describedBy(new Notification(first.group(), Map.of("alertname", "Disk"), Map.of(), 0, List.of()), T0.plusSeconds(60));
        assertEquals(Map.of("alertname", "Disk"), incident.labels());
        assertEquals(T0.plusSeconds(60), incident.updatedAt(), "a label dropped is a change of the incident");
    }
}
