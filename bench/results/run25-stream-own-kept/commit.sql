UPDATE incident SET version = version + 1 WHERE id = (SELECT min(id) FROM incident WHERE status = 'RESOLVED');
