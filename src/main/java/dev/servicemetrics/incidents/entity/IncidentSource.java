package dev.servicemetrics.incidents.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who reported an incident: Alertmanager (webhook or reconciliation) or a person through the API. */
public enum IncidentSource {
    ALERTMANAGER, MANUAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IncidentSource> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
