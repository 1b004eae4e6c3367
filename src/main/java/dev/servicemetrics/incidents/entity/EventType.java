package dev.servicemetrics.incidents.entity;

/** What happened to an incident, as its timeline shows it. */
public enum EventType {
    OPENED("opened"),
    ACKNOWLEDGED("acknowledged"),
    NOTE("note"),
    RESOLVED("resolved"),
    /** The group fired again after an earlier episode; the message names the earlier incident. */
    REFIRED("re-fired"),
    /** Alerts of the group that were not in the incident yet joined it. */
    ALERT_JOINED("alert joined"),
    /** A person silenced the incident's alerts in Alertmanager; the message says until when. */
    SILENCED("silenced"),
    /** The incident's silences were expired. */
    UNSILENCED("unsilenced");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
