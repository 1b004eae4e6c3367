package dev.servicemetrics.incidents.entity;

/** What happened to an incident, as its timeline shows it. */
public enum EventType {
    OPENED("opened"),
    ACKNOWLEDGED("acknowledged"),
    NOTE("note"),
    RESOLVED("resolved"),
    /** The alert fired again after an earlier firing; the message names the earlier incident. */
    REFIRED("re-fired");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
