-- Placeholder: the append-only, hash-chained audit trail is written here (issue 4).
SELECT 1;
