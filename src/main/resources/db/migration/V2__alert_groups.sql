-- Incidents follow Alertmanager's grouping: one episode of one notification group (receiver + group
-- labels) is one incident, holding its alerts as child rows. This file adds the new shape; V2_1 (a Java
-- migration, see database/AlertsOfV1Incidents) moves every V1 incident's alert into it; V2_2 drops the
-- V1 columns. Same portable SQL as V1.

-- One row per group, whoever saw it first. Its only jobs are identity (the unique key decides which of
-- several concurrent first deliveries creates it) and a row to lock while alerts attach to the group's
-- current incident, so that concurrent notifications of one group never make two incidents.
CREATE SEQUENCE incident_group_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE incident_group (
    id           BIGINT                   NOT NULL,
    -- SHA-256 (hex) of the receiver and the sorted group labels: fixed length whatever the labels
    group_key    VARCHAR(64)              NOT NULL,
    receiver     VARCHAR(256)             NOT NULL,
    group_labels VARCHAR                  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT incident_group_pk PRIMARY KEY (id),
    CONSTRAINT incident_group_identity UNIQUE (group_key)
);

ALTER TABLE incident ADD COLUMN group_id BIGINT;
ALTER TABLE incident ADD COLUMN receiver VARCHAR(256);
-- the group labels as a JSON object (display only; filters use incident_alert_label)
ALTER TABLE incident ADD COLUMN group_labels VARCHAR DEFAULT '{}' NOT NULL;
ALTER TABLE incident ADD COLUMN alerts_firing INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE incident ADD COLUMN alerts_total INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE incident ADD CONSTRAINT incident_group_fk FOREIGN KEY (group_id) REFERENCES incident_group (id);
-- the group's current episode and its previous one are found by this index
CREATE INDEX incident_group_episodes ON incident (group_id, created_at);

-- The alerts of an incident. An alert is identified by Alertmanager's fingerprint and its start, as
-- before: the same key delivered again (webhook retries, reconciliation, several replicas) is the same
-- row, and belongs to the incident that first received it. Labels and annotations are JSON objects
-- (one row per alert keeps a storm's inserts cheap); the labels used for filtering are in
-- incident_alert_label, once per incident.
CREATE SEQUENCE incident_alert_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE incident_alert (
    id            BIGINT                   NOT NULL,
    incident_id   BIGINT                   NOT NULL,
    fingerprint   VARCHAR(64)              NOT NULL,
    starts_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at       TIMESTAMP WITH TIME ZONE,
    status        VARCHAR(16)              NOT NULL,
    severity      VARCHAR(16)              NOT NULL,
    labels        VARCHAR                  NOT NULL,
    annotations   VARCHAR                  NOT NULL,
    generator_url VARCHAR(2048),
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT incident_alert_pk PRIMARY KEY (id),
    CONSTRAINT incident_alert_incident_fk FOREIGN KEY (incident_id) REFERENCES incident (id),
    CONSTRAINT incident_alert_status_known CHECK (status IN ('FIRING', 'RESOLVED')),
    CONSTRAINT incident_alert_severity_known CHECK (severity IN ('CRITICAL', 'WARNING', 'INFO')),
    CONSTRAINT incident_alert_key UNIQUE (fingerprint, starts_at)
);
CREATE INDEX incident_alert_of_incident ON incident_alert (incident_id, id);

-- Every distinct label pair of an incident's alerts, for label=key:value and q= over alerts.
CREATE TABLE incident_alert_label (
    incident_id BIGINT        NOT NULL,
    label_name  VARCHAR(256)  NOT NULL,
    label_value VARCHAR(1024) NOT NULL,
    CONSTRAINT incident_alert_label_pk PRIMARY KEY (incident_id, label_name, label_value),
    CONSTRAINT incident_alert_label_incident_fk FOREIGN KEY (incident_id) REFERENCES incident (id)
);
CREATE INDEX incident_alert_label_name_value ON incident_alert_label (label_name, label_value, incident_id);

ALTER TABLE incident_event DROP CONSTRAINT incident_event_type_known;
ALTER TABLE incident_event ADD CONSTRAINT incident_event_type_known
    CHECK (event_type IN ('OPENED', 'ACKNOWLEDGED', 'NOTE', 'RESOLVED', 'REFIRED', 'ALERT_JOINED', 'SILENCED'));

-- Reconciliation looks for alerts still firing that Alertmanager no longer holds.
CREATE INDEX incident_alert_status ON incident_alert (status, first_seen_at);

-- The list's first page of a status or severity, newest first, read from the index in order (the id
-- breaks ties, as the keyset cursor does), and its bounded count an index-only scan.
DROP INDEX incident_status_starts_at;
DROP INDEX incident_severity_starts_at;
CREATE INDEX incident_status_starts_at ON incident (status, starts_at, id);
CREATE INDEX incident_severity_starts_at ON incident (severity, starts_at, id);
