-- Silences made through the service (Alertmanager API v2), and each alert's state in Alertmanager as
-- reconciliation last saw it: active, or suppressed by silences and/or inhibited by other alerts.

CREATE SEQUENCE incident_silence_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE incident_silence (
    id          BIGINT                   NOT NULL,
    incident_id BIGINT                   NOT NULL,
    -- Alertmanager's id of the silence (a UUID)
    silence_id  VARCHAR(64)              NOT NULL,
    -- the matchers sent, as Alertmanager's JSON array
    matchers    VARCHAR                  NOT NULL,
    created_by  VARCHAR(200)             NOT NULL,
    comment     VARCHAR                  NOT NULL,
    starts_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expired_at  TIMESTAMP WITH TIME ZONE,
    expired_by  VARCHAR(200),
    CONSTRAINT incident_silence_pk PRIMARY KEY (id),
    CONSTRAINT incident_silence_incident_fk FOREIGN KEY (incident_id) REFERENCES incident (id),
    CONSTRAINT incident_silence_identity UNIQUE (silence_id)
);
CREATE INDEX incident_silence_of_incident ON incident_silence (incident_id, id);

ALTER TABLE incident_alert ADD COLUMN am_state VARCHAR(16) DEFAULT 'active' NOT NULL;
-- JSON arrays of silence ids and of the fingerprints of inhibiting alerts
ALTER TABLE incident_alert ADD COLUMN silenced_by VARCHAR DEFAULT '[]' NOT NULL;
ALTER TABLE incident_alert ADD COLUMN inhibited_by VARCHAR DEFAULT '[]' NOT NULL;
ALTER TABLE incident ADD COLUMN alerts_silenced INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE incident ADD COLUMN alerts_inhibited INTEGER DEFAULT 0 NOT NULL;

ALTER TABLE incident_event DROP CONSTRAINT incident_event_type_known;
ALTER TABLE incident_event ADD CONSTRAINT incident_event_type_known
    CHECK (event_type IN ('OPENED', 'ACKNOWLEDGED', 'NOTE', 'RESOLVED', 'REFIRED', 'ALERT_JOINED', 'SILENCED', 'UNSILENCED'));
