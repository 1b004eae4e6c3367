package dev.servicemetrics.incidents.entity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which incidents a list or a count covers. Empty sets mean "any"; several values of one filter are
 * alternatives (status=open,acknowledged), different filters and several labels must all match.
 * The time window applies to the start of the incident: from inclusive, to exclusive.
 */
public record IncidentFilter(Set<IncidentStatus> statuses, Set<Severity> severities, Set<IncidentSource> sources,
                             Optional<String> text, List<LabelMatch> labels, Optional<Instant> from, Optional<Instant> to) {

    public IncidentFilter {
        statuses = Set.copyOf(statuses);
        severities = Set.copyOf(severities);
        sources = Set.copyOf(sources);
        labels = List.copyOf(labels);
    }

    public static IncidentFilter all() {
        return new IncidentFilter(Set.of(), Set.of(), Set.of(), Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    /** label=key:value — the incident has label {@code name} with exactly this value. */
    public record LabelMatch(String name, String value) {
    }
}
