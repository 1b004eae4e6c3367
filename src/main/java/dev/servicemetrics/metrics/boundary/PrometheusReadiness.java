package dev.servicemetrics.metrics.boundary;

import dev.servicemetrics.Timestamps;
import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.health.SharedDependency;
import dev.servicemetrics.metrics.control.PrometheusFailure;
import dev.servicemetrics.metrics.control.PrometheusQueries;
import dev.servicemetrics.metrics.control.SnapshotStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Up while the scrape cycle keeps the snapshot fresh: Prometheus answered the last cycle and the
 * snapshot is at most two intervals old. The cycle already talks to Prometheus every interval, so a probe
 * only reads what it learnt; only before the first cycle ends does the probe ask Prometheus itself.
 */
@SharedDependency
@ApplicationScoped
public class PrometheusReadiness implements HealthCheck {

    @Inject
    SnapshotStore store;

    @Inject
    PrometheusQueries prometheus;

    @Inject
    ServiceConfiguration configuration;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named("prometheus")
                .withData("url", configuration.prometheusUrl().toString());
        if (!store.anyCycleEnded()) {
            try {
                prometheus.ready();
                return check.down().withData("error", "no scrape cycle has ended yet").build();
            } catch (PrometheusFailure failure) {
                return check.down().withData("error", failure.reason().tag() + ": " + failure.detail()).build();
            }
        }
        store.latest().ifPresent(snapshot -> check
                .withData("lastSuccess", Timestamps.iso(snapshot.timestamp()))
                .withData("lastCycleAgeSeconds", store.age(snapshot).toSeconds())
                .withData("series", snapshot.series().size()));
        store.lastFailure().ifPresent(failure -> check
                .withData("lastFailure", Timestamps.iso(failure.at()))
                .withData("lastFailureReason", failure.reason().tag()));
        boolean stale = store.stale();
        check.withData("stale", stale);
        if (stale) {
            String error = store.lastFailure()
                    .filter(failure -> store.latest().map(s -> failure.at().isAfter(s.timestamp())).orElse(true))
                    .map(failure -> failure.reason().tag() + ": " + failure.detail())
                    .orElse("the last snapshot is older than two scrape intervals");
            return check.down().withData("error", error).build();
        }
        return check.up().build();
    }
}
