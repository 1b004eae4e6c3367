package dev.servicemetrics.web;

import dev.servicemetrics.incidents.boundary.AlertmanagerWebhookResource;
import dev.servicemetrics.incidents.boundary.BearerAuthFilter;
import dev.servicemetrics.incidents.boundary.IncidentsResource;
import dev.servicemetrics.incidents.boundary.NotificationBody;
import dev.servicemetrics.metrics.boundary.MetricsResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * JAX-RS lives under /api so that static files, the plain servlets and the WebSocket keep the root. Its resources and
 * providers are named here rather than found by a scan, which would also take the REST client interfaces for
 * resources; Jersey's generated WADL description (an endpoint nobody asked for, built at every start) is off.
 */
@ApplicationPath("/api")
public class RestApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(AlertmanagerWebhookResource.class, IncidentsResource.class, MetricsResource.class,
                BearerAuthFilter.class, NotificationBody.class, BodySizeLimit.class, EmptyBodyAsJson.class,
                JsonObjectBody.class, ProblemExceptionMapper.class);
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
