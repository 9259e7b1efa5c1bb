-- Administrators' actions in the audit trail (migration 0007 added target_staff_id and changes to audit_event),
-- and row-level security for the refusal throttle (0007's refusal_throttle).
--
-- The canonical form of a row's hash (0002) covers every column. A row that names no member of staff and records
-- no changes (every row written before 0007, and every record access since) keeps the first form,
-- "harbour-audit-v1", unchanged, so the hashes stored before this migration still verify. A row with either is
-- hashed in the second form: the tag "harbour-audit-v2", the first form's fourteen columns in the same order and
-- encoding, then target_staff_id (its lowercase text, or null) and changes (the jsonb value itself, whose text
-- form is canonical: keys in jsonb's own order, ", " and ": " separators; or null):
--   ["harbour-audit-v2", seq, prev_hash, id, organisation_id, actor_id, actor_role, person_id, action,
--    procedure, access_basis, reason, outcome, request_id, occurred_at, target_staff_id, changes]
-- Clearing both columns of a second-form row, or setting either on a first-form row, changes what its hash
-- should be, so audit:verify names that row.
CREATE OR REPLACE FUNCTION harbour_audit_hash(r audit_event) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = public, pg_temp
AS $$
  SELECT encode(sha256(convert_to((
    CASE WHEN r.target_staff_id IS NULL AND r.changes IS NULL THEN jsonb_build_array(
      'harbour-audit-v1'::text,
      r.seq, r.prev_hash, r.id::text, r.organisation_id::text, r.actor_id::text, r.actor_role, r.person_id::text,
      r.action, r.procedure, r.access_basis, r.reason, r.outcome, r.request_id,
      to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
    ) ELSE jsonb_build_array(
      'harbour-audit-v2'::text,
      r.seq, r.prev_hash, r.id::text, r.organisation_id::text, r.actor_id::text, r.actor_role, r.person_id::text,
      r.action, r.procedure, r.access_basis, r.reason, r.outcome, r.request_id,
      to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      r.target_staff_id::text, r.changes
    ) END
  )::text, 'UTF8')), 'hex')
$$;--> statement-breakpoint
-- refusal_throttle is a tenant table: row-level security enabled and forced, with the one policy every tenant
-- table has (0003).
ALTER TABLE public.refusal_throttle ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE public.refusal_throttle FORCE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS harbour_tenant_isolation ON public.refusal_throttle;--> statement-breakpoint
CREATE POLICY harbour_tenant_isolation ON public.refusal_throttle AS PERMISSIVE FOR ALL TO harbour_app
  USING (organisation_id = (SELECT nullif(current_setting('harbour.organisation_id', true), '')::uuid))
  WITH CHECK (organisation_id = (SELECT nullif(current_setting('harbour.organisation_id', true), '')::uuid));--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public.refusal_throttle TO harbour_app;
