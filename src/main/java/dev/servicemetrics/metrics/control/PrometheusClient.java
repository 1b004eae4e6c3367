package dev.servicemetrics.metrics.control;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Prometheus' HTTP API, as a MicroProfile REST client built by {@link PrometheusConnection}.
 * Queries go as POST forms (Prometheus accepts both): PromQL is full of braces, which a client's URI
 * templates would take for template variables in a query string. Answers stay raw {@link Response}s so
 * that {@link PrometheusQueries} can read Prometheus' own error bodies on 400/422/503.
 */
public interface PrometheusClient {

    @POST
    @Path("api/v1/query")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response query(@FormParam("query") String query, @FormParam("timeout") String timeout);

    @POST
    @Path("api/v1/query_range")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response queryRange(@FormParam("query") String query, @FormParam("start") String start, @FormParam("end") String end,
                        @FormParam("step") String step, @FormParam("timeout") String timeout);

    @GET
    @Path("api/v1/metadata")
    Response metadata();

    /** Prometheus' own readiness endpoint: the cheapest call that proves it answers queries. */
    @GET
    @Path("-/ready")
    Response ready();
}
