package dev.servicemetrics.metrics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** Prometheus' HTTP API, as a MicroProfile REST client; built by {@link PrometheusConnection}. */
public interface PrometheusClient {

    /** Prometheus' own readiness endpoint: the cheapest call that proves it answers queries. */
    @GET
    @Path("-/ready")
    Response ready();
}
