-- The person_state projection is rewritten on every re-score (every entry, the daily sweep, a model change), and
-- its indexed columns rarely change then (the key; risk_next_change_on only when a window moves). Leaving half of
-- each page free lets PostgreSQL write the new row beside the old one (a HOT update): no index entries to add,
-- no dead index entries to vacuum. drizzle-kit does not model storage parameters, so this is hand-written.
-- hand-written below: keep when regenerating
ALTER TABLE "person_state" SET (fillfactor = 50);
