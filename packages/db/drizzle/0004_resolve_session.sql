-- Resolving a session in one statement (issue 4; docs/performance.md). Every request names its session by the
-- digest of its token; before this, finding the organisation, the session, the member of staff and their teams
-- took a lookup and a four-statement transaction. This function returns, for one token digest, the session and
-- what the policy needs about its subject, and nothing else: only someone holding the token can ask. It runs as
-- the tables' owner (row-level security cannot apply before the organisation is known); writes (revoking an idle
-- session, noting its use once a minute) stay in the application, inside the organisation's tenant context.
CREATE OR REPLACE FUNCTION harbour_resolve_session(p_token_hash text)
RETURNS TABLE (
  session_id uuid,
  organisation_id uuid,
  subject_kind subject_kind,
  subject_id uuid,
  stage session_stage,
  last_seen_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz,
  reauthenticated_at timestamptz,
  staff_role staff_role,
  staff_active boolean,
  team_ids uuid[],
  service_user_active boolean
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT a.id, a.organisation_id, a.subject_kind, a.subject_id, a.stage, a.last_seen_at, a.expires_at,
    a.revoked_at, a.reauthenticated_at, s.role, s.active,
    CASE WHEN s.id IS NULL THEN NULL ELSE ARRAY(
      SELECT m.team_id FROM team_membership m
      WHERE m.staff_id = s.id AND m.organisation_id = a.organisation_id ORDER BY m.team_id
    ) END,
    CASE WHEN a.subject_kind = 'service_user' THEN EXISTS (
      SELECT 1 FROM service_user_account u JOIN person p ON p.id = u.person_id
      WHERE u.person_id = a.subject_id AND p.organisation_id = a.organisation_id AND u.disabled_at IS NULL
    ) END
  FROM auth_session a
  LEFT JOIN staff s ON a.subject_kind = 'staff' AND s.id = a.subject_id AND s.organisation_id = a.organisation_id
  WHERE a.token_hash = p_token_hash
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION harbour_resolve_session(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION harbour_resolve_session(text) TO harbour_app;
