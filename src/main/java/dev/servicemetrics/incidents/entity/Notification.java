package dev.servicemetrics.incidents.entity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What Alertmanager says about one group at once: a webhook notification, or one group of its API's
 * answer during reconciliation. The alerts are all the group's alerts Alertmanager chose to send
 * ({@code truncatedAlerts} more were left out when the receiver sets {@code max_alerts}).
 */
public record Notification(AlertGroup group, Map<String, String> commonLabels, Map<String, String> commonAnnotations,
                           int truncatedAlerts, List<Alert> alerts) {

    public Notification {
        commonLabels = Map.copyOf(commonLabels);
        commonAnnotations = Map.copyOf(commonAnnotations);
        alerts = List.copyOf(alerts);
    }

    /** Common labels or annotations computed from the alerts, for the API's groups, which carry none. */
    public static Map<String, String> common(List<Map<String, String>> maps) {
        if (maps.isEmpty()) {
            return Map.of();
        }
        return maps.get(0).entrySet().stream()
                .filter(entry -> maps.stream().allMatch(map -> entry.getValue().equals(map.get(entry.getKey()))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The group's summary if its alerts share one, otherwise its alert name and group labels;
     * "— N alerts" when there are several.
     */
    public String title(int alertCount) {
        String base = Optional.ofNullable(commonAnnotations.get("summary")).filter(summary -> !summary.isBlank())
                .orElseGet(this::nameAndGroup);
        return alertCount > 1 ? base + " — " + alertCount + " alerts" : base;
    }

    private String nameAndGroup() {
        String name = Optional.ofNullable(commonLabels.get("alertname")).orElse(group.labels().get("alertname"));
        String others = group.labels().entrySet().stream().filter(label -> !label.getKey().equals("alertname"))
                .map(label -> label.getKey() + "=" + label.getValue()).collect(Collectors.joining(", "));
        if (name == null) {
            return others.isEmpty() ? "Alerts for " + (group.receiver().isEmpty() ? "Alertmanager" : group.receiver()) : others;
        }
        return others.isEmpty() ? name : name + " (" + others + ")";
    }
}
