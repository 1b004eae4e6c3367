package dev.servicemetrics.incidents.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an incident is in its life: open → acknowledged → resolved (open → resolved is allowed too). */
public enum IncidentStatus {
    OPEN, ACKNOWLEDGED, RESOLVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IncidentStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
