package dev.servicemetrics.incidents.control;

import dev.servicemetrics.config.ServiceConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Builds the Alertmanager REST client on ALERTMANAGER_URL. Short timeouts: a hung Alertmanager must
 * not hold a reconciliation run or a readiness probe for long.
 */
@ApplicationScoped
public class AlertmanagerConnection {

    static final long CONNECT_MILLIS = 2_000;
    static final long READ_MILLIS = 5_000;

    @Inject
    ServiceConfiguration configuration;

    @Produces
    @ApplicationScoped
    AlertmanagerClient client() {
        return builder().build(AlertmanagerClient.class);
    }

    @Produces
    @ApplicationScoped
    AlertmanagerSilenceClient silenceClient() {
        return builder()
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(AlertmanagerSilenceClient.class);
    }

    private RestClientBuilder builder() {
        return RestClientBuilder.newBuilder()
                .baseUri(configuration.alertmanagerUrl())
                .connectTimeout(CONNECT_MILLIS, TimeUnit.MILLISECONDS)
                .readTimeout(READ_MILLIS, TimeUnit.MILLISECONDS);
    }
}
