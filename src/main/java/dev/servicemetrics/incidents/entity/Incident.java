package dev.servicemetrics.incidents.entity;

import dev.servicemetrics.Timestamps;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Something that went wrong and is being handled: opened by an alert or a person, acknowledged,
 * resolved. The status rules live here; a change the current status does not allow is an
 * {@link IncidentConflict}. The version makes concurrent changes of one incident conflict too.
 */
@Entity
@Table(name = "incident")
public class Incident {

    public static final int TITLE_LENGTH = 500;
    public static final int NAME_LENGTH = 256;
    public static final int LABEL_VALUE_LENGTH = 1024;
    public static final int URL_LENGTH = 2048;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "incident_seq")
    @SequenceGenerator(name = "incident_seq", sequenceName = "incident_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = TITLE_LENGTH)
    private String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private IncidentStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private IncidentSource source;

    @Column(name = "group_id")
    private Long groupId;

    @Column(length = NAME_LENGTH)
    private String receiver;

    @Column(name = "group_labels", nullable = false)
    private String groupLabels = "{}";

    @Column(name = "alerts_firing", nullable = false)
    private int alertsFiring;

    @Column(name = "alerts_total", nullable = false)
    private int alertsTotal;

    @Column(name = "alerts_silenced", nullable = false)
    private int alertsSilenced;

    @Column(name = "alerts_inhibited", nullable = false)
    private int alertsInhibited;

    @Column(name = "starts_at", nullable = false)
    private OffsetDateTime startsAt;

    @Column(name = "acknowledged_at")
    private OffsetDateTime acknowledgedAt;

    @Column(name = "acknowledged_by")
    private String acknowledgedBy;

    @Column(name = "resolved_at")
    private OffsetDateTime resolvedAt;

    @Column(name = "resolved_by")
    private String resolvedBy;

    @Column(name = "previous_incident_id")
    private Long previousIncidentId;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    @ElementCollection
    @CollectionTable(name = "incident_label", joinColumns = @JoinColumn(name = "incident_id"))
    @MapKeyColumn(name = "label_name", length = NAME_LENGTH)
    @Column(name = "label_value", length = LABEL_VALUE_LENGTH)
    private Map<String, String> labels = new HashMap<>();

    @ElementCollection
    @CollectionTable(name = "incident_annotation", joinColumns = @JoinColumn(name = "incident_id"))
    @MapKeyColumn(name = "annotation_name", length = NAME_LENGTH)
    @Column(name = "annotation_value")
    private Map<String, String> annotations = new HashMap<>();

    @OneToMany(mappedBy = "incident", cascade = CascadeType.PERSIST)
    @OrderBy("occurredAt ASC, id ASC")
    private List<TimelineEvent> timeline = new ArrayList<>();

    protected Incident() {
        // for JPA
    }

    private Incident(String title, Severity severity, IncidentSource source, Instant startsAt, Instant now,
                     Map<String, String> labels, Map<String, String> annotations) {
        this.title = Text.cut(title, TITLE_LENGTH);
        this.severity = severity;
        this.source = source;
        this.status = IncidentStatus.OPEN;
        this.startsAt = Utc.column(startsAt);
        this.createdAt = Utc.column(now);
        this.updatedAt = this.createdAt;
        labels.forEach((name, value) -> this.labels.put(Text.cut(name, NAME_LENGTH), Text.cut(value, LABEL_VALUE_LENGTH)));
        annotations.forEach((name, value) -> this.annotations.put(Text.cut(name, NAME_LENGTH), value));
    }

    /**
     * A new episode of an Alertmanager group: opened when alerts of the group fire and it has no unresolved
     * incident. When the group had an incident before ({@code previous}), the new one links to it and its
     * timeline says the group fired again. Its alerts are attached afterwards (see {@link #tally}).
     */
    public static Incident fromGroup(Notification notification, long groupId, Instant startsAt, int alerts,
                                     Optional<Incident> previous, String by, String how, Instant now) {
        Severity severity = notification.alerts().stream().map(Alert::severity)
                .max(java.util.Comparator.comparingInt(Severity::rank)).orElse(Severity.WARNING);
        Incident incident = new Incident(notification.title(alerts), severity, IncidentSource.ALERTMANAGER,
                startsAt, now, notification.commonLabels(), notification.commonAnnotations());
        incident.groupId = groupId;
        incident.receiver = Text.cut(notification.group().receiver(), NAME_LENGTH);
        incident.groupLabels = LabelsJson.write(notification.group().labels());
        incident.record(EventType.OPENED, startsAt, by, "Firing in Alertmanager (" + how + "): "
                + (alerts == 1 ? "1 alert" : alerts + " alerts")
                + (notification.group().labels().isEmpty() ? "" : " of group " + notification.group().describe()));
        previous.ifPresent(earlier -> {
            incident.previousIncidentId = earlier.id;
            incident.record(EventType.REFIRED, startsAt, by, "The group fired again after incident " + earlier.id
                    + earlier.resolvedAt().map(resolved -> ", resolved at " + Timestamps.iso(resolved)).orElse(""));
        });
        return incident;
    }

    /** Alerts that were not in the incident joined it; an acknowledged incident stays acknowledged. */
    public void alertsJoined(int count, String by, String how, Instant now, String which) {
        updatedAt = Utc.column(now);
        record(EventType.ALERT_JOINED, now, by, (count == 1 ? "1 alert" : count + " alerts") + " joined (" + how + "): " + which);
    }

    /**
     * The incident's alerts as they now stand: counts and the most severe firing one. When none fires any
     * more, the incident resolves — unless it is resolved already (a person's resolution wins).
     */
    public void tally(AlertTally tally, String by, Instant now) {
        tally(tally, by, now, "");
    }

    /** As {@link #tally(AlertTally, String, Instant)}, a resolution's timeline entry ending with {@code why}. */
    public void tally(AlertTally tally, String by, Instant now, String why) {
        boolean changed = tally.firing() != alertsFiring || tally.total() != alertsTotal
                || tally.silenced() != alertsSilenced || tally.inhibited() != alertsInhibited;
        alertsFiring = tally.firing();
        alertsTotal = tally.total();
        alertsSilenced = tally.silenced();
        alertsInhibited = tally.inhibited();
        tally.mostSevereFiring().ifPresent(most -> severity = most);
        if (changed) {
            updatedAt = Utc.column(now);
        }
        if (tally.firing() == 0 && tally.total() > 0 && !isResolved()) {
            resolve(by, tally.lastEnd().orElse(now), now, Optional.of((tally.total() == 1
                    ? "Its alert resolved (" + by + ")" : "All " + tally.total() + " alerts resolved (" + by + ")") + why));
        }
    }

    /** A person silenced the incident's alerts in Alertmanager until {@code until}. */
    public void silenced(String by, Instant now, Instant until, String silenceId, String what, String comment) {
        updatedAt = Utc.column(now);
        record(EventType.SILENCED, now, by, "Silenced " + what + " in Alertmanager until " + Timestamps.iso(until)
                + " (silence " + silenceId + ")" + (comment.isBlank() ? "" : ": " + comment));
    }

    /** The incident's silences were expired in Alertmanager. */
    public void unsilenced(String by, Instant now, java.util.List<String> silenceIds) {
        updatedAt = Utc.column(now);
        record(EventType.UNSILENCED, now, by, "Expired in Alertmanager: silence" + (silenceIds.size() == 1 ? " " : "s ")
                + String.join(", ", silenceIds));
    }

    /**
     * The latest notification of the incident's own group: its title and the labels all its alerts still share.
     * A change of either is a change of the incident (its time and version), as lists show both.
     */
    public void describedBy(Notification notification, Instant now) {
        String described = Text.cut(notification.title(alertsTotal), TITLE_LENGTH);
        // compared as stored: a value cut to its column is still the same label, not one the alerts stopped sharing
        Map<String, String> shared = new HashMap<>();
        notification.commonLabels().forEach((name, value) -> shared.put(Text.cut(name, NAME_LENGTH), Text.cut(value, LABEL_VALUE_LENGTH)));
        boolean labelsChanged = labels.entrySet().removeIf(label -> !label.getValue().equals(shared.get(label.getKey())));
        if (labelsChanged || !described.equals(title)) {
            title = described;
            updatedAt = Utc.column(now);
        }
    }

    /** An incident a person reports through the API. */
    public static Incident reported(NewIncident report, String by, Instant now) {
        Incident incident = new Incident(report.title(), report.severity(), IncidentSource.MANUAL,
                report.startedAt().orElse(now), now, report.labels(), report.annotations());
        incident.record(EventType.OPENED, incident.startsAt(), by, report.note().orElse("Reported through the API"));
        return incident;
    }

    public void acknowledge(String by, Instant at, Optional<String> note) {
        if (status == IncidentStatus.ACKNOWLEDGED) {
            throw new IncidentConflict("Incident " + id + " was already acknowledged by " + acknowledgedBy
                    + " at " + Timestamps.iso(Utc.instant(acknowledgedAt)));
        }
        if (status == IncidentStatus.RESOLVED) {
            throw new IncidentConflict("Incident " + id + " is resolved; a resolved incident cannot be acknowledged");
        }
        status = IncidentStatus.ACKNOWLEDGED;
        acknowledgedAt = Utc.column(at);
        acknowledgedBy = by;
        updatedAt = acknowledgedAt;
        record(EventType.ACKNOWLEDGED, at, by, note.orElse(null));
    }

    /** Resolved {@code at} (an alert's end may lie in the past), the change itself made {@code now}. */
    public void resolve(String by, Instant at, Instant now, Optional<String> note) {
        if (status == IncidentStatus.RESOLVED) {
            throw new IncidentConflict("Incident " + id + " was already resolved by " + resolvedBy
                    + " at " + Timestamps.iso(Utc.instant(resolvedAt)));
        }
        status = IncidentStatus.RESOLVED;
        resolvedAt = Utc.column(at);
        resolvedBy = by;
        updatedAt = Utc.column(now);
        record(EventType.RESOLVED, at, by, note.orElse(null));
    }

    /** A note never conflicts with anything, not even with the incident being resolved. */
    public TimelineEvent addNote(String by, Instant at, String text) {
        return record(EventType.NOTE, at, by, text);
    }

    private TimelineEvent record(EventType type, Instant at, String by, String message) {
        TimelineEvent event = new TimelineEvent(this, type, at, by, message);
        timeline.add(event);
        return event;
    }

    public boolean isResolved() {
        return status == IncidentStatus.RESOLVED;
    }

    public Long id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Severity severity() {
        return severity;
    }

    public IncidentStatus status() {
        return status;
    }

    public IncidentSource source() {
        return source;
    }

    public Optional<Long> groupId() {
        return Optional.ofNullable(groupId);
    }

    public Optional<String> receiver() {
        return Optional.ofNullable(receiver);
    }

    public Map<String, String> groupLabels() {
        return LabelsJson.read(groupLabels);
    }

    public int alertsFiring() {
        return alertsFiring;
    }

    public int alertsTotal() {
        return alertsTotal;
    }

    public int alertsSilenced() {
        return alertsSilenced;
    }

    public int alertsInhibited() {
        return alertsInhibited;
    }

    public Instant startsAt() {
        return Utc.instant(startsAt);
    }

    public Optional<Instant> acknowledgedAt() {
        return Optional.ofNullable(Utc.instant(acknowledgedAt));
    }

    public Optional<String> acknowledgedBy() {
        return Optional.ofNullable(acknowledgedBy);
    }

    public Optional<Instant> resolvedAt() {
        return Optional.ofNullable(Utc.instant(resolvedAt));
    }

    public Optional<String> resolvedBy() {
        return Optional.ofNullable(resolvedBy);
    }

    public Optional<Long> previousIncidentId() {
        return Optional.ofNullable(previousIncidentId);
    }

    public Instant createdAt() {
        return Utc.instant(createdAt);
    }

    public Instant updatedAt() {
        return Utc.instant(updatedAt);
    }

    public long version() {
        return version;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public Map<String, String> annotations() {
        return annotations;
    }
}
