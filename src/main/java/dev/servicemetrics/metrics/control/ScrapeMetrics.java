package dev.servicemetrics.metrics.control;

import dev.servicemetrics.metrics.entity.FailureReason;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/** The scrape pipeline's own MicroProfile metrics, scraped by Prometheus at /mpmetrics. */
@ApplicationScoped
public class ScrapeMetrics {

    @Inject
    MetricRegistry registry;

    private final AtomicLong lastSuccessMillis = new AtomicLong();
    private final AtomicInteger series = new AtomicInteger();
    private final AtomicLong lastCycleNanos = new AtomicLong();
    private final AtomicLong lastQueryNanos = new AtomicLong();

    /*
     * Durations are gauges in seconds, not MicroProfile timers: Payara exports a timer in nanoseconds
     * without a unit suffix, SmallRye (WildFly) in seconds with one, and Payara exports a timer declared
     * in seconds with nanosecond quantiles. A gauge in seconds has one name and one value on both, so
     * one Prometheus configuration and one rule file serve both servers.
     */
    @PostConstruct
    void register() {
        registry.gauge(Metadata.builder().withName("scrape.cycle.last.duration")
                .withDescription("Duration of the latest scrape cycle, all queries included")
                .withUnit(MetricUnits.SECONDS).build(), lastCycleNanos, ScrapeMetrics::seconds);
        registry.gauge(Metadata.builder().withName("prometheus.query.last.duration")
                .withDescription("Duration of the latest call to Prometheus' HTTP API")
                .withUnit(MetricUnits.SECONDS).build(), lastQueryNanos, ScrapeMetrics::seconds);
        registry.counter(queriesMetadata());
        registry.gauge(Metadata.builder().withName("scrape.last.success")
                .withDescription("Unix time of the last cycle that produced a snapshot")
                .withUnit(MetricUnits.SECONDS).build(), lastSuccessMillis, millis -> millis.get() / 1000.0);
        registry.gauge(Metadata.builder().withName("snapshot.series")
                .withDescription("Series in the latest snapshot").build(), series, AtomicInteger::get);
        for (String outcome : new String[] {"complete", "partial", "failed"}) {
            cycles(outcome);
        }
        registry.counter(skippedMetadata());
        for (FailureReason reason : FailureReason.values()) {
            failures(reason);
        }
    }

    /** A cycle that produced a snapshot; partial when some queries failed. */
    public void cycleSucceeded(Instant at, Duration took, int seriesCount, boolean partial) {
        cycles(partial ? "partial" : "complete").inc();
        lastCycleNanos.set(took.toNanos());
        lastSuccessMillis.set(at.toEpochMilli());
        series.set(seriesCount);
    }

    public void cycleFailed(Duration took) {
        cycles("failed").inc();
        lastCycleNanos.set(took.toNanos());
    }

    /** A tick that came while the previous cycle still ran. */
    public void cycleSkipped() {
        registry.counter(skippedMetadata()).inc();
    }

    public void failed(FailureReason reason) {
        failures(reason).inc();
    }

    public void queried(Duration took) {
        registry.counter(queriesMetadata()).inc();
        lastQueryNanos.set(took.toNanos());
    }

    private static double seconds(AtomicLong nanos) {
        return nanos.get() / 1e9;
    }

    private Counter cycles(String outcome) {
        return registry.counter(Metadata.builder().withName("scrape.cycles")
                .withDescription("Scrape cycles run, by outcome").build(), new Tag("outcome", outcome));
    }

    private Counter failures(FailureReason reason) {
        return registry.counter(Metadata.builder().withName("scrape.failures")
                .withDescription("Failed calls to Prometheus, by reason").build(), new Tag("reason", reason.tag()));
    }

    private static Metadata queriesMetadata() {
        return Metadata.builder().withName("prometheus.queries")
                .withDescription("Calls to Prometheus' HTTP API, failed ones included").build();
    }

    private static Metadata skippedMetadata() {
        return Metadata.builder().withName("scrape.cycles.skipped")
                .withDescription("Ticks skipped because the previous cycle was still running").build();
    }
}
