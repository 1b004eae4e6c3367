-- Fills the list benchmark's database (already migrated by the service) with :n Alertmanager incidents,
-- each one group's episode with one alert: 90 % open, 5 % acknowledged, 5 % resolved, starting over the
-- last 30 days in an order unrelated to their ids; four labels, two annotations (~250 bytes), an
-- OPENED timeline entry each. Then VACUUM ANALYZE, as autovacuum would eventually do.
\set ON_ERROR_STOP 1
BEGIN;
CREATE TEMP TABLE fill AS
SELECT g AS id,
       'Alert' || (g % 40) AS alertname,
       'host-' || (g % 5000) || '.example.net:9100' AS instance,
       (ARRAY['node', 'api', 'db', 'cache'])[1 + g % 4] AS job,
       (ARRAY['critical', 'warning', 'warning', 'info'])[1 + (g / 7) % 4] AS severity,
       CASE WHEN g % 20 = 0 THEN 'RESOLVED' WHEN g % 20 = 1 THEN 'ACKNOWLEDGED' ELSE 'OPEN' END AS status,
       now() - ((g::bigint * 7919) % :n) * (interval '30 days' / :n) AS starts_at
FROM generate_series(1, :n) g;

INSERT INTO incident_group (id, group_key, receiver, group_labels, created_at)
SELECT id, md5('group' || id) || md5('key' || id), 'bench', '{"alertname":"' || alertname || '","instance":"' || instance || '"}', starts_at
FROM fill;

INSERT INTO incident (id, title, severity, status, source, starts_at, acknowledged_at, acknowledged_by, resolved_at,
                      resolved_by, created_at, updated_at, version, group_id, receiver, group_labels, alerts_firing, alerts_total)
SELECT id, alertname || ': ' || job || ' on ' || instance || ' is not healthy', upper(severity), status, 'ALERTMANAGER', starts_at,
       CASE WHEN status = 'ACKNOWLEDGED' THEN starts_at + interval '5 minutes' END,
       CASE WHEN status = 'ACKNOWLEDGED' THEN 'oncall' END,
       CASE WHEN status = 'RESOLVED' THEN starts_at + interval '30 minutes' END,
       CASE WHEN status = 'RESOLVED' THEN 'alertmanager' END,
       starts_at, starts_at, 1, id, 'bench', '{"alertname":"' || alertname || '","instance":"' || instance || '"}',
       CASE WHEN status = 'RESOLVED' THEN 0 ELSE 1 END, 1
FROM fill;

INSERT INTO incident_label (incident_id, label_name, label_value)
SELECT id, 'alertname', alertname FROM fill UNION ALL
SELECT id, 'instance', instance FROM fill UNION ALL
SELECT id, 'job', job FROM fill UNION ALL
SELECT id, 'severity', severity FROM fill;

INSERT INTO incident_annotation (incident_id, annotation_name, annotation_value)
SELECT id, 'summary', job || ' on ' || instance || ' is not healthy' FROM fill UNION ALL
SELECT id, 'description', 'The ' || job || ' target ' || instance || ' has failed its health check for more than five minutes;'
    || ' requests routed to it are failing and the load balancer is retrying them on the remaining instances.'
    || ' Runbook: https://runbooks.example.net/' || alertname FROM fill;

INSERT INTO incident_alert (id, incident_id, fingerprint, starts_at, ends_at, status, severity, labels, annotations,
                            generator_url, first_seen_at, last_seen_at)
SELECT id, id, substr(md5('alert' || id), 1, 16), starts_at,
       CASE WHEN status = 'RESOLVED' THEN starts_at + interval '30 minutes' END,
       CASE WHEN status = 'RESOLVED' THEN 'RESOLVED' ELSE 'FIRING' END, upper(severity),
       '{"alertname":"' || alertname || '","instance":"' || instance || '","job":"' || job || '","severity":"' || severity || '"}',
       '{"summary":"' || job || ' on ' || instance || ' is not healthy"}',
       'http://prometheus.example.net/graph?g0.expr=up', starts_at, starts_at
FROM fill;

INSERT INTO incident_alert_label (incident_id, label_name, label_value)
SELECT incident_id, label_name, label_value FROM incident_label;

INSERT INTO incident_event (id, incident_id, event_type, occurred_at, actor, message)
SELECT id, id, 'OPENED', starts_at, 'alertmanager', 'received by webhook' FROM fill;

SELECT setval('incident_seq', (:n / 50 + 2) * 50);
SELECT setval('incident_event_seq', (:n / 50 + 2) * 50);
SELECT setval('incident_group_seq', :n + 1);
SELECT setval('incident_alert_seq', :n + 1);
COMMIT;
VACUUM ANALYZE;
SELECT status, COUNT(*) FROM incident GROUP BY status ORDER BY status;
