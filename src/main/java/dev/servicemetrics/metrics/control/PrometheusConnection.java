package dev.servicemetrics.metrics.control;

import dev.servicemetrics.config.ServiceConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Builds the Prometheus REST client on PROMETHEUS_URL with timeouts well below the scrape interval,
 * so that one cycle always ends before the next tick.
 */
@ApplicationScoped
public class PrometheusConnection {

    @Inject
    ServiceConfiguration configuration;

    @Produces
    @ApplicationScoped
    PrometheusClient client() {
        return RestClientBuilder.newBuilder()
                .baseUri(configuration.prometheusUrl())
                .connectTimeout(connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // non-2xx answers carry Prometheus' error body; PrometheusQueries reads them itself
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(PrometheusClient.class);
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
