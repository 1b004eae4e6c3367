package dev.servicemetrics.incidents.entity;

import java.util.function.ToLongFunction;

/** A column a list can be ordered by; its value for one incident continues a keyset cursor. */
public enum SortKey {
    STARTED_AT(incident -> incident.startedAt().toEpochMilli(), true),
    UPDATED_AT(incident -> incident.updatedAt().toEpochMilli(), true),
    SEVERITY(incident -> incident.severity().rank(), false),
    ID(IncidentView::id, false);

    private final ToLongFunction<IncidentView> value;
    private final boolean instant;

    SortKey(ToLongFunction<IncidentView> value, boolean instant) {
        this.value = value;
        this.instant = instant;
    }

    public long valueOf(IncidentView incident) {
        return value.applyAsLong(incident);
    }

    /** Whether {@link #valueOf} is an instant in epoch milliseconds (otherwise a plain number). */
    public boolean isInstant() {
        return instant;
    }
}
