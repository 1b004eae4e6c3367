package dev.servicemetrics.incidents.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** One entry of an incident's timeline; written once, never changed. */
@Entity
@Table(name = "incident_event")
public class TimelineEvent {

    static final int ACTOR_LENGTH = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "incident_event_seq")
    @SequenceGenerator(name = "incident_event_seq", sequenceName = "incident_event_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "incident_id", nullable = false)
    private Incident incident;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", nullable = false)
    private EventType type;

    @Column(name = "occurred_at", nullable = false)
    private OffsetDateTime occurredAt;

    @Column(nullable = false, length = ACTOR_LENGTH)
    private String actor;

    private String message;

    protected TimelineEvent() {
        // for JPA
    }

    TimelineEvent(Incident incident, EventType type, Instant occurredAt, String actor, String message) {
        this.incident = incident;
        this.type = type;
        this.occurredAt = Utc.column(occurredAt);
        this.actor = Text.cut(actor, ACTOR_LENGTH);
        this.message = message;
    }

    public Long id() {
        return id;
    }

    public Long incidentId() {
        return incident.id();
    }

    public EventType type() {
        return type;
    }

    public Instant occurredAt() {
        return Utc.instant(occurredAt);
    }

    public String actor() {
        return actor;
    }

    public Optional<String> message() {
        return Optional.ofNullable(message);
    }
}
