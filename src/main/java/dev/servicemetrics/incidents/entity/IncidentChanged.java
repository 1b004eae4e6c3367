package dev.servicemetrics.incidents.entity;

/**
 * Fired (asynchronously, after the change is committed) whenever an incident is created or changes,
 * a timeline note included, so that dashboards update without polling.
 */
public record IncidentChanged(Change type, IncidentView incident) {

    public enum Change {
        CREATED("created"), UPDATED("updated");

        private final String wireName;

        Change(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public static IncidentChanged created(IncidentView incident) {
        return new IncidentChanged(Change.CREATED, incident);
    }

    public static IncidentChanged updated(IncidentView incident) {
        return new IncidentChanged(Change.UPDATED, incident);
    }
}
