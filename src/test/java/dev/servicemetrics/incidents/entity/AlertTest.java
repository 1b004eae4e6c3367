package dev.servicemetrics.incidents.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertTest {

    static Alert alert(Map<String, String> labels, Map<String, String> annotations) {
        return new Alert("f", Instant.parse("2026-02-09T10:30:00Z"), Optional.empty(), true, labels, annotations, Optional.empty());
    }

    @Test
    void titleIsAlertnameAndSummaryOrWhicheverExists() {
        assertEquals("HighCpu: hot", alert(Map.of("alertname", "HighCpu"), Map.of("summary", "hot")).title());
        assertEquals("HighCpu", alert(Map.of("alertname", "HighCpu"), Map.of()).title());
        assertEquals("hot", alert(Map.of(), Map.of("summary", "hot")).title());
        assertEquals("Alert f", alert(Map.of(), Map.of()).title());
    }

    @Test
    void severityComesFromTheLabelWhateverWordTheRuleUses() {
        assertEquals(Severity.CRITICAL, alert(Map.of("severity", "critical"), Map.of()).severity());
        assertEquals(Severity.CRITICAL, alert(Map.of("severity", "Page"), Map.of()).severity());
        assertEquals(Severity.WARNING, alert(Map.of("severity", "warn"), Map.of()).severity());
        assertEquals(Severity.INFO, alert(Map.of("severity", "none"), Map.of()).severity());
        assertEquals(Severity.WARNING, alert(Map.of("severity", "whatever"), Map.of()).severity());
        assertEquals(Severity.WARNING, alert(Map.of(), Map.of()).severity());
    }

    @Test
    void webhookNanosecondsAndApiMillisecondsGiveTheSameKey() {
        Alert fromWebhook = new Alert("f", Instant.parse("2026-02-09T10:30:00.123456789Z"), Optional.empty(), true, Map.of(), Map.of(), Optional.empty());
        Alert fromApi = new Alert("f", Instant.parse("2026-02-09T10:30:00.123Z"), Optional.empty(), true, Map.of(), Map.of(), Optional.empty());
        assertEquals(fromApi.key(), fromWebhook.key());
    }

    @Test
    void anEndBeforeTheStartIsNoEndAndAFutureEndIsNotYetOver() {
        Instant start = Instant.parse("2026-02-09T10:30:00Z");
        Instant now = start.plusSeconds(60);
        Alert noEnd = new Alert("f", start, Optional.of(Instant.parse("0001-01-01T00:00:00Z")), false, Map.of(), Map.of(), Optional.empty());
        assertEquals(Optional.empty(), noEnd.endsAt());
        assertEquals(now, noEnd.endedAt(now));
        Alert ended = new Alert("f", start, Optional.of(start.plusSeconds(30)), false, Map.of(), Map.of(), Optional.empty());
        assertEquals(start.plusSeconds(30), ended.endedAt(now));
        Alert future = new Alert("f", start, Optional.of(now.plusSeconds(300)), true, Map.of(), Map.of(), Optional.empty());
        assertEquals(now, future.endedAt(now));
    }
}
