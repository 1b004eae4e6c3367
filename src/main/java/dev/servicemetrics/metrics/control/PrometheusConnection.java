package dev.servicemetrics.metrics.control;

import dev.servicemetrics.config.ServiceConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Builds the Prometheus client on PROMETHEUS_URL with timeouts well below the scrape interval,
 * so that one cycle always ends before the next tick.
 */
@ApplicationScoped
public class PrometheusConnection {

    @Inject
    ServiceConfiguration configuration;

    @Produces
    @Singleton
    PrometheusHttpClient client() {
        return new PrometheusHttpClient(configuration.prometheusUrl(), connectTimeout(), readTimeout());
    }

    void close(@Disposes PrometheusHttpClient client) {
        client.close();
    }

    /** Half the interval, between 0.5 s and 5 s. */
    public Duration readTimeout() {
        long millis = configuration.scrapeInterval().toMillis() / 2;
        return Duration.ofMillis(Math.max(500, Math.min(5_000, millis)));
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(Math.min(2_000, readTimeout().toMillis()));
    }
}
