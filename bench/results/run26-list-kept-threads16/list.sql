SELECT COUNT(*) FROM (SELECT 1 FROM incident i WHERE i.status IN ('OPEN') LIMIT 10001) matching;
SELECT i.* FROM incident i WHERE i.status IN ('OPEN') ORDER BY i.starts_at DESC, i.id DESC LIMIT 51;
