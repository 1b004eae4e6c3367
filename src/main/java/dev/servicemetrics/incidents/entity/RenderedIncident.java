package dev.servicemetrics.incidents.entity;

import java.nio.charset.StandardCharsets;

/** An incident as a list shows it, already written as JSON, at one version of the incident. */
public record RenderedIncident(long id, long version, byte[] json) {

    public static RenderedIncident of(IncidentView view) {
        return new RenderedIncident(view.id(), view.version(), view.toJson().toString().getBytes(StandardCharsets.UTF_8));
    }
}
