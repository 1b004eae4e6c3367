package dev.servicemetrics.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Evaluates the application's own MicroProfile health-check beans. Calling the beans (rather than
 * the container's health endpoint over HTTP) works the same on Payara and WildFly.
 */
@ApplicationScoped
public class HealthChecks {

    private static final Logger LOG = Logger.getLogger(HealthChecks.class.getName());

    public enum Kind {
        LIVE(Liveness.Literal.INSTANCE), READY(Readiness.Literal.INSTANCE), STARTED(Startup.Literal.INSTANCE),
        DEPENDENCIES(SharedDependency.Literal.INSTANCE);

        private final Annotation qualifier;

        Kind(Annotation qualifier) {
            this.qualifier = qualifier;
        }
    }

    @Inject
    @Any
    Instance<HealthCheck> checks;

    public List<HealthCheckResponse> evaluate(Kind kind) {
        List<HealthCheckResponse> responses = new ArrayList<>();
        for (HealthCheck check : checks.select(kind.qualifier)) {
            responses.add(call(check));
        }
        return responses;
    }

    private static HealthCheckResponse call(HealthCheck check) {
        try {
            return check.call();
        } catch (RuntimeException failed) {
            String name = check.getClass().getSimpleName().replaceAll("\\$.*", "");
            LOG.log(Level.WARNING, "Health check " + name + " failed", failed);
            return HealthCheckResponse.named(name).down().withData("error", String.valueOf(failed.getMessage())).build();
        }
    }
}
