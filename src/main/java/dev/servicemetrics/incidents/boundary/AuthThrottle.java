package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.config.ServiceConfiguration;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The service's memory of wrong bearer tokens ({@link FailedAuthentications}, configured by AUTH_FAILURE_LIMIT
 * and AUTH_FAILURE_WINDOW) and its MicroProfile metrics at /mpmetrics: {@code auth_failures_total{token=api|webhook}}
 * and {@code auth_throttled_total}, the requests answered 429.
 */
@ApplicationScoped
public class AuthThrottle {

    static final String FAILURES = "auth.failures";
    static final String THROTTLED = "auth.throttled";
    private static final Metadata FAILURES_METADATA = Metadata.builder().withName(FAILURES)
            .withDescription("Requests refused because their bearer token was wrong, by the token they needed").build();
    private static final Metadata THROTTLED_METADATA = Metadata.builder().withName(THROTTLED)
            .withDescription("Requests answered 429 because their client address presented too many wrong tokens").build();

    @Inject
    ServiceConfiguration configuration;

    @Inject
    MetricRegistry registry;

    private FailedAuthentications failures;

    @PostConstruct
    void start() {
        failures = new FailedAuthentications(configuration.authFailureLimit(), configuration.authFailureWindow(), Clock.systemUTC());
    }

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (BearerAuth.Token token : BearerAuth.Token.values()) {
            registry.counter(FAILURES_METADATA, tag(token));
        }
        registry.counter(THROTTLED_METADATA);
    }

    Optional<Duration> blocked(String address) {
        Optional<Duration> wait = failures.blocked(address);
        if (wait.isPresent()) {
            registry.counter(THROTTLED_METADATA).inc();
        }
        return wait;
    }

    void failed(String address, BearerAuth.Token token) {
        failures.failed(address);
        registry.counter(FAILURES_METADATA, tag(token)).inc();
    }

    private static Tag tag(BearerAuth.Token token) {
        return new Tag("token", token.name().toLowerCase(java.util.Locale.ROOT));
    }
}
