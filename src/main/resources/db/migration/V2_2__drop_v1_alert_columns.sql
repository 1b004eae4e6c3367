-- The V1 alert columns of incident now live in incident_alert (moved by V2_1).
ALTER TABLE incident DROP CONSTRAINT incident_alert_identity;
ALTER TABLE incident DROP CONSTRAINT incident_alert_has_fingerprint;
ALTER TABLE incident DROP COLUMN fingerprint;
ALTER TABLE incident DROP COLUMN generator_url;
