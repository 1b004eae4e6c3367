package dev.servicemetrics.incidents.control;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Alertmanager's silences (API v2), as a MicroProfile REST client that hands back every answer, errors
 * included, so that Alertmanager's own message reaches the person who asked; built by
 * {@link AlertmanagerConnection}.
 */
public interface AlertmanagerSilenceClient {

    /** Creates a silence; Alertmanager answers {"silenceID":"…"}. */
    @POST
    @Path("api/v2/silences")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response create(String silence);

    /** Expires a silence at once. */
    @DELETE
    @Path("api/v2/silence/{id}")
    Response expire(@PathParam("id") String silenceId);
}
