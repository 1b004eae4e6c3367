package dev.servicemetrics.incidents.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** How bad an incident is. Ranked so that "most severe first" is a plain descending sort. */
public enum Severity {
    CRITICAL(3, Set.of("critical", "crit", "page", "error", "high", "major", "emergency", "alert")),
    WARNING(2, Set.of("warning", "warn", "medium", "minor")),
    INFO(1, Set.of("info", "informational", "low", "none", "notice"));

    private final int rank;
    private final Set<String> labelValues;

    Severity(int rank, Set<String> labelValues) {
        this.rank = rank;
        this.labelValues = labelValues;
    }

    public int rank() {
        return rank;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The exact API name: critical, warning or info. */
    public static Optional<Severity> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }

    /**
     * The value of an alert's {@code severity} label. Alerting rules in the wild use several words
     * for the same level; an alert without a recognised label is a warning, never dropped.
     */
    public static Severity fromLabel(String value) {
        if (value == null) {
            return WARNING;
        }
        Severity exact = BY_LABEL_VALUE.get(value);
        return exact != null ? exact : BY_LABEL_VALUE.getOrDefault(value.trim().toLowerCase(Locale.ROOT), WARNING);
    }

    /** Every word of every level, for a look-up per alert instead of a search (a storm asks thousands of times). */
    private static final Map<String, Severity> BY_LABEL_VALUE = Arrays.stream(values())
            .flatMap(severity -> severity.labelValues.stream().map(word -> Map.entry(word, severity)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
}
