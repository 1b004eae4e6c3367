package dev.servicemetrics.metrics.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.database.DatabaseSettings;
import dev.servicemetrics.health.SharedDependency;
import dev.servicemetrics.metrics.control.SnapshotStore;
import dev.servicemetrics.metrics.entity.CycleFailed;
import dev.servicemetrics.metrics.entity.FailureReason;
import dev.servicemetrics.metrics.entity.Family;
import dev.servicemetrics.metrics.entity.Snapshot;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.InContainer;
import dev.servicemetrics.testsupport.PrometheusProcess;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scrape schedule in Payara Micro with its real EJB timer, managed executor and CDI events, against a real
 * Prometheus (which scrapes itself): snapshots from its answers, a tick that comes while a cycle still waits is
 * skipped and counted, and a Prometheus that stops answering turns into failed cycles and a stale snapshot.
 */
@ExtendWith(ArquillianExtension.class)
class ScrapeScheduleIT {

    private static final int INTERVAL_SECONDS = 2;
    /** Many intervals: on a loaded machine cycles come late, but a working schedule comes. */
    private static final Duration BOUND = Duration.ofSeconds(INTERVAL_SECONDS).multipliedBy(60);

    /** Client side only (the deployment has no PrometheusProcess class). */
    private static AutoCloseable prometheusProcess;

    @Inject
    ScrapeEvents events;

    @Inject
    SnapshotStore store;

    @Inject
    MetricRegistry registry;

    @Resource(lookup = ScrapeSchedule.EXECUTOR)
    ManagedExecutorService scrapeExecutor;

    @Deployment
    static WebArchive deployment() throws IOException {
        int port = FreePort.next();
        PrometheusProcess prometheus = PrometheusProcess.start("""
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: prometheus
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(port), port);
        prometheusProcess = prometheus;
        Path queries = prometheus.directory().resolve("queries.txt");
        Files.writeString(queries, """
                up                              gauge    yes  up
                prometheus_http_requests_total  counter  no   prometheus_http_requests_total
                """);
        InContainer.serverSettings(Map.of("PROMETHEUS_URL", prometheus.uri().toString(),
                "SCRAPE_INTERVAL", String.valueOf(INTERVAL_SECONDS),
                "METRICS_QUERIES", queries.toString(),
                "TEST_PROMETHEUS_PID", String.valueOf(prometheus.pid())));
        return InContainer.deployment("metrics", "dev.servicemetrics.metrics", "dev.servicemetrics.config")
                .addClasses(DatabaseSettings.class, SharedDependency.class, Http.class);
    }

    @Test
    void aCycleTurnsPrometheusAnswersIntoASnapshot() throws InterruptedException {
        Snapshot snapshot = events.snapshot(ScrapeScheduleIT::prometheusIsUp, BOUND)
                .orElseThrow(() -> new AssertionError("no snapshot saw Prometheus up within " + BOUND));

        assertEquals(List.of("up", "prometheus_http_requests_total"), snapshot.families().stream().map(Family::name).toList());
        assertTrue(family(snapshot, "prometheus_http_requests_total").series().size() > 1, "one series per handler and code");
        assertTrue(snapshot.history().stream().anyMatch(history -> history.name().equals("up")), "up keeps its history");
        assertTrue(snapshot.history().stream().noneMatch(history -> history.name().equals("prometheus_http_requests_total")));
    }

    @Test
    void aTickWhileTheCycleStillWaitsIsSkippedAndCounted() throws Exception {
        events.snapshot(ScrapeScheduleIT::prometheusIsUp, BOUND).orElseThrow(() -> new AssertionError("no first snapshot"));
        // every thread of the schedule's executor busy: the next cycle waits, and the ticks after it find it running
        CountDownLatch occupied = new CountDownLatch(ScrapeSchedule.CONCURRENT_CALLS + 1);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<?>> blockers = new ArrayList<>();
        for (int i = 0; i <= ScrapeSchedule.CONCURRENT_CALLS; i++) {
            blockers.add(scrapeExecutor.submit(() -> {
                occupied.countDown();
                return release.await(BOUND.toSeconds(), TimeUnit.SECONDS);
            }));
        }
        Instant released;
        try {
            assertTrue(occupied.await(BOUND.toSeconds(), TimeUnit.SECONDS), "the blockers hold every thread");
            Instant blocked = Instant.now();
            long skippedBefore = skipped();
            assertTrue(Http.eventually(BOUND, () -> skipped() >= skippedBefore + 2), "ticks were skipped while the cycle waited");
            Optional<Snapshot> during = events.snapshot(snapshot -> snapshot.timestamp().isAfter(blocked), Duration.ZERO);
            assertEquals(Optional.empty(), during, "no cycle ran while the executor was held");
        } finally {
            released = Instant.now();
            release.countDown();
        }
        for (Future<?> blocker : blockers) {
            blocker.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
        assertTrue(events.snapshot(snapshot -> snapshot.timestamp().isAfter(released.minusSeconds(INTERVAL_SECONDS)), BOUND).isPresent(),
                "cycles resume once the executor is free");
    }

    @Test
    void aPrometheusThatStopsAnsweringFailsTheCycleAndStalesTheSnapshot() throws Exception {
        events.snapshot(ScrapeScheduleIT::prometheusIsUp, BOUND).orElseThrow(() -> new AssertionError("no first snapshot"));
        Instant stopped = Instant.now();
        signalPrometheus("STOP");
        try {
            CycleFailed failure = events.failure(failed -> failed.at().isAfter(stopped), BOUND)
                    .orElseThrow(() -> new AssertionError("no failed cycle within " + BOUND + " of stopping Prometheus"));
            assertEquals(FailureReason.TIMEOUT, failure.reason(), failure.detail());
            assertTrue(Http.eventually(BOUND, store::stale), "the snapshot is reported stale");
        } finally {
            signalPrometheus("CONT");
        }
        Instant resumed = Instant.now();
        assertTrue(events.snapshot(snapshot -> snapshot.timestamp().isAfter(resumed), BOUND).isPresent(), "cycles succeed again");
        assertTrue(Http.eventually(BOUND, () -> !store.stale()), "and the snapshot is fresh again");
    }

    private long skipped() {
        return registry.counter("scrape.cycles.skipped").getCount();
    }

    private static boolean prometheusIsUp(Snapshot snapshot) {
        return snapshot.failures().isEmpty() && snapshot.families().stream().filter(family -> family.name().equals("up"))
                .flatMap(family -> family.series().stream())
                .anyMatch(series -> "prometheus".equals(series.labels().get("job")) && series.value() == 1.0);
    }

    private static Family family(Snapshot snapshot, String name) {
        return snapshot.families().stream().filter(family -> family.name().equals(name)).findFirst().orElseThrow();
    }

    /** Suspends (STOP) or resumes (CONT) the test's Prometheus, whose connections then stay open and unanswered. */
    private static void signalPrometheus(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, System.getProperty("TEST_PROMETHEUS_PID")).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        if (prometheusProcess != null) {
            prometheusProcess.close();
        }
    }
}
