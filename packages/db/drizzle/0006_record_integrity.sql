-- The clinical record's integrity (issue 8): versions kept for ever, row-level security on the new tables, and the
-- one lookup the daily re-scoring needs before it knows an organisation.
--
-- Every version of an event or a current fact is kept in its *_version table (the current one too), so the
-- history shows what each entry said before it was amended and why it changed. Those tables are append-only,
-- like audit_event: a trigger refuses UPDATE, DELETE and TRUNCATE from anyone, and the application role has only
-- SELECT and INSERT on them.
CREATE OR REPLACE FUNCTION harbour_refuse_version_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
		USING ERRCODE = '42501', HINT = 'Versions are never changed or removed; amend the entry, which adds a version.';
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS clinical_event_version_append_only ON clinical_event_version;--> statement-breakpoint
CREATE TRIGGER clinical_event_version_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON clinical_event_version
FOR EACH STATEMENT EXECUTE FUNCTION harbour_refuse_version_change();--> statement-breakpoint
DROP TRIGGER IF EXISTS person_fact_version_append_only ON person_fact_version;--> statement-breakpoint
CREATE TRIGGER person_fact_version_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON person_fact_version
FOR EACH STATEMENT EXECUTE FUNCTION harbour_refuse_version_change();--> statement-breakpoint
-- Events written before this migration (the demo organisation's) get their first version, as recorded.
INSERT INTO clinical_event_version (event_id, version, organisation_id, person_id, type, occurred_on, details, status, reason, written_by, written_at)
SELECT e.id, e.version, e.organisation_id, e.person_id, e.type, e.occurred_on, e.details, e.status, NULL, e.recorded_by, e.recorded_at
FROM clinical_event e
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- The application role's rights on the new tables: the defaults of migration 0003 gave it SELECT, INSERT, UPDATE
-- and DELETE; the version tables and the score history are append-only for it.
GRANT SELECT, INSERT, UPDATE, DELETE ON clinical_event_version, person_fact, person_fact_version, risk_score_history TO harbour_app;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON clinical_event_version, person_fact_version, risk_score_history FROM harbour_app;--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON clinical_event, person_fact FROM harbour_app;--> statement-breakpoint
-- Row-level security on the new tenant tables, the same policy as migration 0003's.
DO $$
DECLARE
  tenant_table text;
BEGIN
  FOREACH tenant_table IN ARRAY ARRAY['clinical_event_version', 'person_fact', 'person_fact_version', 'risk_score_history']
  LOOP
    EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', tenant_table);
    EXECUTE format('DROP POLICY IF EXISTS harbour_tenant_isolation ON public.%I', tenant_table);
    EXECUTE format(
      'CREATE POLICY harbour_tenant_isolation ON public.%I AS PERMISSIVE FOR ALL TO harbour_app '
        'USING (organisation_id = (SELECT nullif(current_setting(''harbour.organisation_id'', true), '''')::uuid)) '
        'WITH CHECK (organisation_id = (SELECT nullif(current_setting(''harbour.organisation_id'', true), '''')::uuid))',
      tenant_table);
  END LOOP;
END $$;--> statement-breakpoint
-- The daily re-scoring runs for every organisation, one at a time inside its tenant context; before that it knows
-- none. This returns the organisations' ids and nothing else (like the locate functions of migration 0003).
CREATE OR REPLACE FUNCTION harbour_organisation_ids()
RETURNS TABLE (organisation_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT o.id FROM organisation o ORDER BY o.id $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION harbour_organisation_ids() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION harbour_organisation_ids() TO harbour_app;
