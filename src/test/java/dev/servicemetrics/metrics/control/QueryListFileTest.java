package dev.servicemetrics.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.config.InvalidConfigurationException;
import dev.servicemetrics.metrics.entity.MetricQuery;
import dev.servicemetrics.metrics.entity.MetricType;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryListFileTest {

    @Test
    void builtInListHasTheSeedsFiveMetricsAndDerivedViews() {
        List<MetricQuery> entries = QueryListFile.parse("(built-in)", QueryList.builtIn());
        List<String> plain = entries.stream().filter(e -> !e.derived()).map(MetricQuery::name).toList();
        assertEquals(List.of("cpu_usage_seconds_total", "memory_usage_bytes", "disk_usage_percent",
                "http_requests_total", "request_duration_seconds"), plain);
        assertEquals(MetricType.HISTOGRAM, entries.get(4).type());
        assertTrue(entries.stream().anyMatch(e -> e.name().equals("request_duration_seconds:p95") && e.history()));
        assertTrue(entries.stream().anyMatch(e -> e.name().equals("http_requests:rate1m")));
    }

    @Test
    void promqlIsTheRestOfTheLineWithItsBlanksAndPipes() {
        MetricQuery entry = QueryListFile.parse("q", List.of(
                "# comment", "", "up_by_job  gauge  yes  sum by (job) (up{job=~\"a|b\"})")).get(0);
        assertEquals("sum by (job) (up{job=~\"a|b\"})", entry.promql());
        assertTrue(entry.derived());
        assertTrue(entry.history());
    }

    @Test
    void aSelectorOfTheMetricItselfIsNotDerived() {
        MetricQuery entry = QueryListFile.parse("q", List.of("memory_usage_bytes gauge no memory_usage_bytes{job=\"mock-metrics\"}")).get(0);
        assertFalse(entry.derived());
    }

    @Test
    void histogramPartsKeepTheLabelMatchers() {
        MetricQuery entry = QueryListFile.parse("q", List.of("latency histogram no latency_seconds{job=\"api\"}")).get(0);
        assertEquals("latency_seconds_bucket{job=\"api\"}", entry.histogramPart("_bucket"));
        assertEquals("latency_seconds_count{job=\"api\"}", entry.histogramPart("_count"));
        assertTrue(entry.derived(), "named differently from the metric it reads");
    }

    @Test
    void unknownTypeNamesTheLineAndTheEntry() {
        String message = invalid("ok gauge no up", "request_rate gaug yes rate(x[1m])");
        assertTrue(message.startsWith("METRICS_QUERIES='/etc/q.txt' is invalid: line 2 (entry 'request_rate'): TYPE is 'gaug'"), message);
        assertTrue(message.contains("expected counter, gauge, histogram or untyped"), message);
    }

    @Test
    void everyKindOfMistakeIsRefusedWithTheEntryNamed() {
        assertTrue(invalid("short gauge yes").contains("(entry 'short'): it has 3 of the 4 fields"));
        assertTrue(invalid("9bad gauge no up").contains("(entry '9bad'): the name is not a Prometheus metric name"));
        assertTrue(invalid("x gauge maybe up").contains("(entry 'x'): HISTORY is 'maybe'"));
        assertTrue(invalid("x gauge no up", "x counter no up").contains("line 2 (entry 'x'): the name is used twice"));
        assertTrue(invalid("h histogram no rate(h_bucket[1m])").contains("(entry 'h'): a histogram's PromQL"));
        assertTrue(invalid("h histogram yes h").contains("(entry 'h'): a histogram cannot keep history"));
        assertTrue(invalid("# only a comment").contains("the file has no entry"));
    }

    private static String invalid(String... lines) {
        return assertThrows(InvalidConfigurationException.class, () -> QueryListFile.parse("/etc/q.txt", List.of(lines))).getMessage();
    }
}
