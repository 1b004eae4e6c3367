package dev.servicemetrics.metrics.control;

import dev.servicemetrics.metrics.control.PrometheusAnswers.MetricMetadata;
import dev.servicemetrics.metrics.control.ScrapeCycle.Part;
import dev.servicemetrics.metrics.entity.Family;
import dev.servicemetrics.metrics.entity.MetricQuery;
import dev.servicemetrics.metrics.entity.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One cycle's answers as Prometheus would give them for the seed's sample (one target), read by the real
 * PrometheusAnswers and assembled by the real FamilyAssembler.
 */
public final class SeedAnswers {

    static final String LABELS = "\"job\":\"mock-metrics\",\"instance\":\"host.docker.internal:8081\"";

    static final String METADATA = """
            {"status":"success","data":{
             "cpu_usage_seconds_total":[{"type":"counter","help":"Total number of seconds the CPU has been in use.","unit":""}],
             "memory_usage_bytes":[{"type":"gauge","help":"Current memory usage in bytes.","unit":""}],
             "disk_usage_percent":[{"type":"gauge","help":"Disk usage percentage.","unit":""}],
             "http_requests_total":[{"type":"counter","help":"Total number of HTTP requests received.","unit":""}],
             "request_duration_seconds":[{"type":"histogram","help":"Duration of HTTP requests in seconds.","unit":""}]}}""";

    private SeedAnswers() {
    }

    static String vector(String... samples) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + String.join(",", samples) + "]}}";
    }

    static String sample(String labels, String value) {
        return "{\"metric\":{" + labels + "},\"value\":[1770633000.0,\"" + value + "\"]}";
    }

    public static Snapshot snapshot(String... extraTargets) {
        List<MetricQuery> queries = QueryListFile.parse("(built-in)", QueryList.builtIn());
        List<Part.Outcome> outcomes = new ArrayList<>();
        outcomes.add(new Part(null, Part.Kind.METADATA, () -> new Part.Help(PrometheusAnswers.metadata(200, METADATA))).run());
        for (MetricQuery query : queries) {
            switch (query.name()) {
                case "cpu_usage_seconds_total" -> outcomes.add(value(query, values("0.15", extraTargets, "0.35")));
                case "memory_usage_bytes" -> outcomes.add(value(query, values("256000000", extraTargets, "512000000")));
                case "disk_usage_percent" -> outcomes.add(value(query, values("75.5", extraTargets, "80")));
                case "http_requests_total" -> outcomes.add(value(query, values("150", extraTargets, "50")));
                case "request_duration_seconds" -> {
                    List<String> buckets = new ArrayList<>();
                    String[][] seed = {{"0.1", "50"}, {"0.2", "100"}, {"0.5", "150"}, {"1", "150"}, {"+Inf", "150"}};
                    for (String[] bucket : seed) {
                        buckets.add(sample(LABELS + ",\"le\":\"" + bucket[0] + "\"", bucket[1]));
                        for (String target : extraTargets) {
                            buckets.add(sample(target + ",\"le\":\"" + bucket[0] + "\"", "10"));
                        }
                    }
                    outcomes.add(answer(query, Part.Kind.BUCKETS, vector(buckets.toArray(String[]::new))));
                    outcomes.add(answer(query, Part.Kind.SUM, values("33.5", extraTargets, "2")));
                    outcomes.add(answer(query, Part.Kind.COUNT, values("150", extraTargets, "10")));
                }
                default -> outcomes.add(value(query, vector(sample(LABELS, "NaN"))));
            }
        }
        Outcomes answered = new Outcomes(outcomes);
        Map<String, MetricMetadata> metadata = answered.metadata().orElseThrow();
        List<Family> families = new FamilyAssembler(metadata).families(queries, answered);
        return new Snapshot(Instant.parse("2026-02-09T10:30:00Z"), Duration.ofMillis(12), families, List.of(), List.of());
    }

    private static String values(String seedValue, String[] extraTargets, String extraValue) {
        List<String> samples = new ArrayList<>();
        samples.add(sample(LABELS, seedValue));
        for (String target : extraTargets) {
            samples.add(sample(target, extraValue));
        }
        return vector(samples.toArray(String[]::new));
    }

    private static Part.Outcome value(MetricQuery query, String body) {
        return answer(query, Part.Kind.VALUE, body);
    }

    private static Part.Outcome answer(MetricQuery query, Part.Kind kind, String body) {
        return new Part(query, kind, () -> new Part.Samples(PrometheusAnswers.instant(query.name(), 200, body))).run();
    }
}
