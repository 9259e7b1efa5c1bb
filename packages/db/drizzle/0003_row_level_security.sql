-- Row-level security and the pre-authentication lookups (issue 4, security.md promise 2).
--
-- Before anyone is signed in, the server must find which organisation an email, a session token, a self-check
-- username or an activation code belongs to; with row-level security on, it cannot see across organisations.
-- These four functions run as the tables' owner and return only identifiers (never a hash, never a name), so
-- the application role needs no policy that reaches across organisations.
CREATE OR REPLACE FUNCTION harbour_locate_staff(p_email text)
RETURNS TABLE (staff_id uuid, organisation_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT s.id, s.organisation_id FROM staff s WHERE s.email = lower(p_email) $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION harbour_locate_session(p_token_hash text)
RETURNS TABLE (session_id uuid, organisation_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT a.id, a.organisation_id FROM auth_session a WHERE a.token_hash = p_token_hash $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION harbour_locate_account(p_username text)
RETURNS TABLE (person_id uuid, organisation_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT a.person_id, a.organisation_id FROM service_user_account a WHERE a.username = lower(p_username) $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION harbour_locate_activation(p_code_hash text)
RETURNS TABLE (activation_id uuid, organisation_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT c.id, c.organisation_id FROM activation_code c WHERE c.code_hash = p_code_hash $$;--> statement-breakpoint
-- The application role. The server connects as a login role that is a member of harbour_app (in production, one
-- made by the operator with a password; in the tests, harbour_app_login): never as the tables' owner, never as a
-- superuser. Roles belong to the whole server, not to one database, so this is idempotent and tolerates another
-- database on the same server creating it at the same moment. harbour_app cannot log in itself, is not a superuser
-- and cannot bypass row-level security; if it exists with either power, it is taken away (which needs a superuser,
-- so a migration run by anyone else fails here rather than carry on with a role that would bypass every policy).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'harbour_app') THEN
    BEGIN
      CREATE ROLE harbour_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'harbour_app' AND (rolsuper OR rolbypassrls)) THEN
    ALTER ROLE harbour_app NOSUPERUSER NOBYPASSRLS;
  END IF;
END $$;--> statement-breakpoint
-- The role running the migrations owns the tables. FORCE ROW LEVEL SECURITY (below) applies the policies to the
-- owner too, and only harbour_app has a policy, so an owner that does not bypass row-level security would see no
-- rows at all: the locate functions above (which run as the owner) would find no one, and data migrations would
-- change nothing. Refuse to go on rather than leave sign-in silently broken.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls)) THEN
    RAISE EXCEPTION 'the migrations must run as a superuser or a role with BYPASSRLS (they run as %)', current_user
      USING HINT = 'Set DATABASE_MIGRATION_URL to the owner''s connection, and DATABASE_URL to a member of harbour_app.';
  END IF;
END $$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO harbour_app;--> statement-breakpoint
-- Reads and writes, never TRUNCATE (which ignores row-level security), REFERENCES or TRIGGER.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO harbour_app;--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO harbour_app;--> statement-breakpoint
-- Tables and sequences created later by the same owner are granted the same way (they still need their own
-- row-level security: a test fails for any table with an organisation_id column that has none).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO harbour_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO harbour_app;--> statement-breakpoint
-- The audit trail is append-only for the application: SELECT and INSERT only (migration 0002's triggers also
-- refuse changes from anyone). The chain's head, harbour_private.audit_chain_head (0002), is kept by a SECURITY
-- DEFINER trigger: harbour_app is granted nothing in harbour_private, and must not be (whoever can rewrite the
-- head can restart the chain).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM harbour_app;--> statement-breakpoint
-- The locate functions run as the owner: only the application may call them (functions are executable by
-- everyone unless revoked).
REVOKE ALL ON FUNCTION harbour_locate_staff(text), harbour_locate_session(text), harbour_locate_account(text), harbour_locate_activation(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION harbour_locate_staff(text), harbour_locate_session(text), harbour_locate_account(text), harbour_locate_activation(text) TO harbour_app;--> statement-breakpoint
-- Row-level security on every tenant table: every table with an organisation_id column, and organisation itself
-- (keyed on id). Enabled and forced (the owner is subject to it too, unless it bypasses row-level security), with
-- one policy for harbour_app: a row is visible, and may be written, only when it belongs to the organisation set
-- for the current transaction by withTenant (set_config('harbour.organisation_id', …, true)). Unset, or set to
-- '' (what a transaction-local setting reverts to), matches nothing. The setting is wrapped in a sub-select so
-- PostgreSQL reads it once per statement (an init plan) rather than once per row (docs/performance.md).
--
-- sign_in_throttle has no organisation and no row-level security: it is consulted before anyone is known, keyed
-- by a digest of the account and address, and holds nothing about anyone.
DO $$
DECLARE
  tenant_table record;
  tenant_key text;
BEGIN
  FOR tenant_table IN
    SELECT c.relname AS name, a.attname IS NOT NULL AS has_organisation_id
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_attribute a
      ON a.attrelid = c.oid AND a.attname = 'organisation_id' AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND (a.attname IS NOT NULL OR c.relname = 'organisation')
    ORDER BY c.relname
  LOOP
    tenant_key := CASE WHEN tenant_table.has_organisation_id THEN 'organisation_id' ELSE 'id' END;
    EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', tenant_table.name);
    EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', tenant_table.name);
    EXECUTE format('DROP POLICY IF EXISTS harbour_tenant_isolation ON public.%I', tenant_table.name);
    EXECUTE format(
      'CREATE POLICY harbour_tenant_isolation ON public.%I AS PERMISSIVE FOR ALL TO harbour_app '
        'USING (%I = (SELECT nullif(current_setting(''harbour.organisation_id'', true), '''')::uuid)) '
        'WITH CHECK (%I = (SELECT nullif(current_setting(''harbour.organisation_id'', true), '''')::uuid))',
      tenant_table.name, tenant_key, tenant_key);
  END LOOP;
END $$;
