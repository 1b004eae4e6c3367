package dev.servicemetrics.incidents.entity;

/** A change an incident refuses in its current state, or one that lost a race with another change (HTTP 409). */
public class IncidentConflict extends RuntimeException {

    public IncidentConflict(String message) {
        super(message);
    }
}
