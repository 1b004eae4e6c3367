package dev.servicemetrics.incidents.control;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Alertmanager's HTTP API v2, as a MicroProfile REST client; built by {@link AlertmanagerConnection}. */
public interface AlertmanagerClient {

    /** Every alert Alertmanager holds (active, silenced, inhibited), as a JSON array. */
    @GET
    @Path("api/v2/alerts")
    @Produces(MediaType.APPLICATION_JSON)
    Response alerts();

    /** The alerts grouped as Alertmanager's routes group them, with each group's receiver and labels. */
    @GET
    @Path("api/v2/alerts/groups")
    @Produces(MediaType.APPLICATION_JSON)
    Response alertGroups();

    @GET
    @Path("-/ready")
    Response ready();
}
