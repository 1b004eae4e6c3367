package dev.servicemetrics.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.metrics.entity.FailureReason;
import dev.servicemetrics.metrics.entity.Family;
import dev.servicemetrics.metrics.entity.MetricQuery;
import dev.servicemetrics.metrics.entity.MetricType;
import dev.servicemetrics.metrics.entity.QueryFailure;
import dev.servicemetrics.metrics.entity.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ScrapeCycleTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final MetricQuery MEMORY = new MetricQuery("memory_usage_bytes", MetricType.GAUGE, true, "memory_usage_bytes");
    private static final MetricQuery DISK = new MetricQuery("disk_usage_percent", MetricType.GAUGE, false, "disk_usage_percent");
    /** Generous: a query that answers does so in microseconds; only the one that hangs waits for it. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    private final FakePrometheus prometheus = new FakePrometheus();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final ScrapeCycle cycle = cycle(prometheus, List.of(MEMORY, DISK));

    @AfterEach
    void stop() throws InterruptedException {
        prometheus.release();
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
    }

    @Test
    void everyQueryAnsweredGivesACompleteSnapshot() throws Exception {
        prometheus.answer("memory_usage_bytes", 200, SeedAnswers.vector(SeedAnswers.sample(SeedAnswers.LABELS, "256000000")))
                .answer("disk_usage_percent", 200, SeedAnswers.vector(SeedAnswers.sample(SeedAnswers.LABELS, "75.5")));

        Snapshot snapshot = cycle.run(executor, NOW, DEADLINE);

        assertEquals(NOW, snapshot.timestamp());
        assertEquals(List.of(), snapshot.failures());
        assertEquals(List.of(256000000.0, 75.5), values(snapshot));
        assertEquals("Current memory usage in bytes.", snapshot.families().get(0).help(), "the metadata's HELP");
    }

    @Test
    void aFailedQueryFailsItsEntryAndTheOthersStillCount() throws Exception {
        prometheus.answer("memory_usage_bytes", 200, SeedAnswers.vector(SeedAnswers.sample(SeedAnswers.LABELS, "256000000")))
                .answer("disk_usage_percent", 422,
                        "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"many-to-many matching not allowed\"}");

        Snapshot snapshot = cycle.run(executor, NOW, DEADLINE);

        assertEquals(1, snapshot.failures().size(), snapshot.failures().toString());
        QueryFailure failure = snapshot.failures().get(0);
        assertEquals("disk_usage_percent", failure.query());
        assertEquals(FailureReason.QUERY_ERROR, failure.reason());
        assertTrue(failure.detail().contains("many-to-many"), failure.detail());
        assertEquals(List.of(256000000.0), values(snapshot));
    }

    @Test
    void aQueryThatNeverAnswersTimesOutAndTheCycleEnds() throws Exception {
        prometheus.answer("memory_usage_bytes", 200, SeedAnswers.vector(SeedAnswers.sample(SeedAnswers.LABELS, "256000000")))
                .hang("disk_usage_percent");

        Snapshot snapshot = cycle.run(executor, NOW, DEADLINE);

        assertEquals(List.of(new QueryFailure("disk_usage_percent", FailureReason.TIMEOUT,
                "no answer within the cycle's deadline of 2000 ms")), snapshot.failures());
        assertEquals(List.of(256000000.0), values(snapshot));
        assertTrue(prometheus.interrupted.await(30, TimeUnit.SECONDS), "the call left behind by the deadline was cancelled");
    }

    @Test
    void whenNoQueryAnswersTheCycleFailsWithTheFirstReason() {
        prometheus.answer("disk_usage_percent", 503, "overloaded");
        ScrapeCycle withoutHistory = cycle(prometheus, List.of(DISK)); // a history's range query is an answer too

        PrometheusFailure failure = assertThrows(PrometheusFailure.class, () -> withoutHistory.run(executor, NOW, DEADLINE));

        assertEquals(FailureReason.HTTP_STATUS, failure.reason());
    }

    @Test
    void anUnreachablePrometheusFailsTheCycleAtOnce() {
        prometheus.refuseConnections();

        PrometheusFailure failure = assertThrows(PrometheusFailure.class, () -> cycle.run(executor, NOW, DEADLINE));

        assertEquals(FailureReason.UNREACHABLE, failure.reason());
    }

    private ScrapeCycle cycle(FakePrometheus client, List<MetricQuery> entries) {
        ServiceConfiguration configuration = new ServiceConfiguration() {
            @Override
            public Duration scrapeInterval() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration historyWindow() {
                return Duration.ofMinutes(15);
            }
        };
        ScrapeMetrics metrics = new ScrapeMetrics() {
            @Override
            public void failed(FailureReason reason) {
            }

            @Override
            public void queried(Duration took) {
            }
        };
        PrometheusQueries queries = new PrometheusQueries();
        queries.prometheus = client;
        queries.metrics = metrics;
        queries.connection = new PrometheusConnection() {
            @Override
            public Duration readTimeout() {
                return Duration.ofSeconds(5);
            }
        };
        ScrapeCycle scrapeCycle = new ScrapeCycle();
        scrapeCycle.queries = new QueryList() {
            @Override
            public List<MetricQuery> entries() {
                return entries;
            }
        };
        scrapeCycle.prometheus = queries;
        scrapeCycle.history = new HistoryBook();
        scrapeCycle.history.configuration = configuration;
        scrapeCycle.metrics = metrics;
        return scrapeCycle;
    }

    private static List<Double> values(Snapshot snapshot) {
        return snapshot.families().stream().map(Family::series).flatMap(List::stream).map(series -> series.value()).toList();
    }
}
