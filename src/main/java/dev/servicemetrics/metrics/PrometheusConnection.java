package dev.servicemetrics.metrics;

import dev.servicemetrics.config.ServiceConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/** Builds the Prometheus REST client on PROMETHEUS_URL with timeouts well below the scrape interval. */
@ApplicationScoped
public class PrometheusConnection {

    @Inject
    ServiceConfiguration configuration;

    @Produces
    @ApplicationScoped
    PrometheusClient client() {
        Duration interval = configuration.scrapeInterval();
        long readMillis = Math.max(500, Math.min(5_000, interval.toMillis() / 2));
        return RestClientBuilder.newBuilder()
                .baseUri(configuration.prometheusUrl())
                .connectTimeout(Math.min(2_000, readMillis), TimeUnit.MILLISECONDS)
                .readTimeout(readMillis, TimeUnit.MILLISECONDS)
                .build(PrometheusClient.class);
    }
}
