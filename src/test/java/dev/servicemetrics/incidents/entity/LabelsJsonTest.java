package dev.servicemetrics.incidents.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LabelsJsonTest {

    @Test
    void equalMapsGiveEqualTextWhateverTheirOrder() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("job", "api");
        one.put("alertname", "HighLatency");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("alertname", "HighLatency");
        other.put("job", "api");
        assertEquals("{\"alertname\":\"HighLatency\",\"job\":\"api\"}", LabelsJson.write(one));
        assertEquals(LabelsJson.write(one), LabelsJson.write(other));
        assertEquals(LabelsJson.write(one), LabelsJson.write(new TreeMap<>(other)));
    }

    @Test
    void writesWhatAJsonObjectWouldAndReadsItBack() {
        Map<String, String> hostile = Map.of("summary", "quote \" backslash \\ newline \n tab \t nul \u0000 é ✓ \uD83D\uDD25",
                "", "empty name", "html", "</script><b>");
        JsonObjectBuilder expected = JsonFactory.createObjectBuilder();
        new TreeMap<>(hostile).forEach(expected::add);
        assertEquals(expected.build().toString(), LabelsJson.write(hostile));
        assertEquals(hostile, LabelsJson.read(LabelsJson.write(hostile)));
        assertEquals("{}", LabelsJson.write(Map.of()));
    }
}
