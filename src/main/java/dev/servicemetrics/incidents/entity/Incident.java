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
    static final int NAME_LENGTH = 256;
    static final int LABEL_VALUE_LENGTH = 1024;
    static final int URL_LENGTH = 2048;

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

    private String fingerprint;

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

    @Column(name = "generator_url", length = URL_LENGTH)
    private String generatorUrl;

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
     * A firing alert becomes an open incident; when the same alert fired before ({@code previous}),
     * the new incident links to it and its timeline says it re-fired.
     */
    public static Incident fromAlert(Alert alert, Optional<Incident> previous, String by, String how, Instant now) {
        Incident incident = new Incident(alert.title(), alert.severity(), IncidentSource.ALERTMANAGER,
                alert.startsAt(), now, alert.labels(), alert.annotations());
        incident.fingerprint = alert.fingerprint();
        incident.generatorUrl = alert.generatorUrl().map(url -> Text.cut(url, URL_LENGTH)).orElse(null);
        incident.record(EventType.OPENED, alert.startsAt(), by, "Firing in Alertmanager (" + how + ")");
        previous.ifPresent(earlier -> {
            incident.previousIncidentId = earlier.id;
            incident.record(EventType.REFIRED, alert.startsAt(), by, "The alert fired again after incident " + earlier.id
                    + earlier.resolvedAt().map(resolved -> ", resolved at " + Timestamps.iso(resolved)).orElse(""));
        });
        return incident;
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

    public AlertKey alertKey() {
        return new AlertKey(fingerprint, startsAt());
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

    public Optional<String> fingerprint() {
        return Optional.ofNullable(fingerprint);
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

    public Optional<String> generatorUrl() {
        return Optional.ofNullable(generatorUrl);
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
