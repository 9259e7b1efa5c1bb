-- The stored assessment (person_state.risk_assessment, about 3 KB of jsonb a person) is rewritten for everyone
-- on a model change and for many people by the daily sweep. PostgreSQL's default compression (pglz) made those
-- writes about twice as slow as lz4 does (measured: 20,000 rows rewritten in 6.0–6.3 s with pglz, 2.7–3.8 s with
-- lz4, on the same table). lz4 is used where the server has it (Debian's PostgreSQL does); PGlite is built
-- without it and keeps pglz. Rows are recompressed as they are next written. drizzle-kit does not model column
-- compression, so this is hand-written.
-- hand-written below: keep when regenerating
DO $$
BEGIN
  ALTER TABLE "person_state" ALTER COLUMN "risk_assessment" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL; -- PGlite: the default compression stays
END $$;
