package dev.servicemetrics.metrics.control;

import dev.servicemetrics.Timestamps;
import dev.servicemetrics.metrics.entity.Family;
import dev.servicemetrics.metrics.entity.QueryFailure;
import dev.servicemetrics.metrics.entity.Series;
import dev.servicemetrics.metrics.entity.Snapshot;
import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON of a snapshot shared by /api/metrics and the /ws channel: the metrics of the query list with
 * their type and HELP (so a dashboard can lay out whatever the service scrapes), and the series with name,
 * labels, type and value (a histogram adds buckets keyed by {@code le}, sum and count). JSON has no NaN or
 * Infinity, so such values are {@code null}.
 */
public final class SnapshotJson {

    private SnapshotJson() {
    }

    public static JsonObjectBuilder snapshot(Snapshot snapshot, boolean stale) {
        return JsonFactory.createObjectBuilder()
                .add("timestamp", Timestamps.iso(snapshot.timestamp()))
                .add("stale", stale)
                .add("cycleDurationMs", snapshot.cycleDuration().toMillis())
                .add("metrics", metrics(snapshot.families()))
                .add("series", series(snapshot.series(), derivedNames(snapshot)))
                .add("failures", failures(snapshot.failures()));
    }

    /** One entry per family in the order of the query list: name, type, help and whether it is derived. */
    static JsonArrayBuilder metrics(List<Family> families) {
        JsonArrayBuilder array = JsonFactory.createArrayBuilder();
        for (Family family : families) {
            array.add(JsonFactory.createObjectBuilder()
                    .add("name", family.name())
                    .add("type", family.type().json())
                    .add("help", family.help() == null ? "" : family.help())
                    .add("derived", family.derived()));
        }
        return array;
    }

    private static Set<String> derivedNames(Snapshot snapshot) {
        return snapshot.families().stream().filter(f -> f.derived()).map(f -> f.name()).collect(Collectors.toSet());
    }

    static JsonArrayBuilder series(List<Series> all, Set<String> derived) {
        JsonArrayBuilder array = JsonFactory.createArrayBuilder();
        for (Series series : all) {
            JsonObjectBuilder json = JsonFactory.createObjectBuilder()
                    .add("name", series.name())
                    .add("labels", labels(series.labels()))
                    .add("type", series.type().json());
            number(json, "value", series.value());
            if (series.isHistogram()) {
                JsonObjectBuilder buckets = JsonFactory.createObjectBuilder();
                series.buckets().forEach((bound, count) -> number(buckets, SampleValues.format(bound), count));
                json.add("buckets", buckets);
                number(json, "sum", series.sum());
                number(json, "count", series.count());
            }
            if (derived.contains(series.name())) {
                json.add("derived", true);
            }
            array.add(json);
        }
        return array;
    }

    public static JsonArrayBuilder history(List<Snapshot.History> all) {
        JsonArrayBuilder array = JsonFactory.createArrayBuilder();
        for (Snapshot.History history : all) {
            array.add(JsonFactory.createObjectBuilder()
                    .add("name", history.name())
                    .add("labels", labels(history.labels()))
                    .add("points", points(history.points())));
        }
        return array;
    }

    /** [[epoch milliseconds, value], …]: compact enough for a chart of 500 points per series. */
    public static JsonArrayBuilder points(List<Snapshot.Point> points) {
        JsonArrayBuilder array = JsonFactory.createArrayBuilder();
        for (Snapshot.Point point : points) {
            array.add(JsonFactory.createArrayBuilder().add(point.epochMillis()).add(number(point.value())));
        }
        return array;
    }

    public static JsonObjectBuilder labels(Map<String, String> labels) {
        JsonObjectBuilder json = JsonFactory.createObjectBuilder();
        ExpositionWriter.ordered(labels).forEach(json::add);
        return json;
    }

    static JsonArrayBuilder failures(List<QueryFailure> failures) {
        JsonArrayBuilder array = JsonFactory.createArrayBuilder();
        failures.forEach(failure -> array.add(JsonFactory.createObjectBuilder()
                .add("query", failure.query())
                .add("reason", failure.reason().tag())
                .add("detail", failure.detail())));
        return array;
    }

    /** Adds a number, or null where JSON cannot say NaN or Infinity. */
    public static void number(JsonObjectBuilder json, String name, double value) {
        json.add(name, number(value));
    }

    /** Whole numbers stay integers (256000000, not 2.56E+8), as in the seed's messages. */
    public static JsonValue number(double value) {
        if (!Double.isFinite(value)) {
            return JsonValue.NULL;
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return JsonFactory.createValue((long) value);
        }
        return JsonFactory.createValue(value);
    }

    public static String iso(Instant instant) {
        return Timestamps.iso(instant);
    }
}
