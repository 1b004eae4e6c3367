-- Incidents and their timelines. The same file runs on H2 (PostgreSQL mode) and on PostgreSQL:
-- only portable types (BIGINT, VARCHAR, TIMESTAMP WITH TIME ZONE), sequences instead of identity
-- columns (EclipseLink's IDENTITY does not work on H2 in PostgreSQL mode), no partial indexes.

-- Sequences step by 50 so that EclipseLink preallocates ids in blocks (allocationSize = 50): a value
-- v read from the sequence hands out v-49 … v, hence the start at 50. Several replicas draw disjoint
-- blocks from the same sequence.
CREATE SEQUENCE incident_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE incident_event_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE incident (
    id                   BIGINT                   NOT NULL,
    title                VARCHAR(500)             NOT NULL,
    severity             VARCHAR(16)              NOT NULL,
    status               VARCHAR(16)              NOT NULL,
    source               VARCHAR(16)              NOT NULL,
    -- Alertmanager's identity of the alert; null for manual incidents
    fingerprint          VARCHAR(64),
    starts_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at      TIMESTAMP WITH TIME ZONE,
    acknowledged_by      VARCHAR(200),
    resolved_at          TIMESTAMP WITH TIME ZONE,
    resolved_by          VARCHAR(200),
    generator_url        VARCHAR(2048),
    -- the earlier firing of the same alert, when this one fired again after it
    previous_incident_id BIGINT,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    version              BIGINT                   NOT NULL,
    CONSTRAINT incident_pk PRIMARY KEY (id),
    CONSTRAINT incident_previous_fk FOREIGN KEY (previous_incident_id) REFERENCES incident (id),
    CONSTRAINT incident_severity_known CHECK (severity IN ('CRITICAL', 'WARNING', 'INFO')),
    CONSTRAINT incident_status_known CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    CONSTRAINT incident_source_known CHECK (source IN ('ALERTMANAGER', 'MANUAL')),
    CONSTRAINT incident_alert_has_fingerprint CHECK (source = 'MANUAL' OR fingerprint IS NOT NULL),
    -- Alertmanager delivers at least once, from any number of threads and replicas: one firing of
    -- an alert (fingerprint + startsAt) is one incident, whoever inserts first. NULL fingerprints
    -- (manual incidents) are distinct from each other on both databases.
    CONSTRAINT incident_alert_identity UNIQUE (fingerprint, starts_at)
);

-- The list's default order and the from/to window; the keyset cursor continues on (starts_at, id).
CREATE INDEX incident_starts_at ON incident (starts_at, id);
CREATE INDEX incident_status_starts_at ON incident (status, starts_at);
CREATE INDEX incident_severity_starts_at ON incident (severity, starts_at);
CREATE INDEX incident_updated_at ON incident (updated_at, id);

-- Labels and annotations as rows rather than a JSON column: portable across H2 and PostgreSQL, and
-- label=key:value filtering is an indexed look-up. Label values are capped at 1024 characters so that
-- they always fit a B-tree index entry.
CREATE TABLE incident_label (
    incident_id BIGINT        NOT NULL,
    label_name  VARCHAR(256)  NOT NULL,
    label_value VARCHAR(1024) NOT NULL,
    CONSTRAINT incident_label_pk PRIMARY KEY (incident_id, label_name),
    CONSTRAINT incident_label_incident_fk FOREIGN KEY (incident_id) REFERENCES incident (id)
);
CREATE INDEX incident_label_name_value ON incident_label (label_name, label_value, incident_id);

CREATE TABLE incident_annotation (
    incident_id      BIGINT       NOT NULL,
    annotation_name  VARCHAR(256) NOT NULL,
    annotation_value VARCHAR      NOT NULL,
    CONSTRAINT incident_annotation_pk PRIMARY KEY (incident_id, annotation_name),
    CONSTRAINT incident_annotation_incident_fk FOREIGN KEY (incident_id) REFERENCES incident (id)
);

CREATE TABLE incident_event (
    id          BIGINT                   NOT NULL,
    incident_id BIGINT                   NOT NULL,
    event_type  VARCHAR(16)              NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(200)             NOT NULL,
    message     VARCHAR,
    CONSTRAINT incident_event_pk PRIMARY KEY (id),
    CONSTRAINT incident_event_incident_fk FOREIGN KEY (incident_id) REFERENCES incident (id),
    CONSTRAINT incident_event_type_known CHECK (event_type IN ('OPENED', 'ACKNOWLEDGED', 'NOTE', 'RESOLVED', 'REFIRED'))
);
CREATE INDEX incident_event_timeline ON incident_event (incident_id, occurred_at, id);
