package dev.servicemetrics.incidents.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class IncidentStatsTest {

    @Test
    void everyStatusAndSeverityIsPresentAndMissingMeansAreNull() {
        JsonObject json = new IncidentStats(Instant.EPOCH, Instant.EPOCH.plusSeconds(60), Map.of(IncidentStatus.OPEN, 2L),
                Map.of(Severity.INFO, 2L), 0, OptionalDouble.empty(), 0, OptionalDouble.of(1.23456)).toJson();
        assertEquals(2, json.getInt("total"));
        assertEquals("{\"open\":2,\"acknowledged\":0,\"resolved\":0}", json.getJsonObject("byStatus").toString());
        assertEquals("{\"critical\":0,\"warning\":0,\"info\":2}", json.getJsonObject("bySeverity").toString());
        assertEquals(JsonValue.NULL, json.get("meanTimeToAcknowledgeSeconds"));
        assertEquals(1.235, json.getJsonNumber("meanTimeToResolveSeconds").doubleValue());
        assertEquals("1970-01-01T00:01:00.000Z", json.getString("to"));
    }
}
