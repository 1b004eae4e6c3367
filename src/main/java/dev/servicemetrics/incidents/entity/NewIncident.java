package dev.servicemetrics.incidents.entity;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What a person reports when opening an incident by hand. */
public record NewIncident(String title, Severity severity, Map<String, String> labels, Map<String, String> annotations,
                          Optional<Instant> startedAt, Optional<String> note) {

    public NewIncident {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
