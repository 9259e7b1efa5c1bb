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
AS $$ SELECT c.id, c.organisation_id FROM activation_code c WHERE c.code_hash = p_code_hash $$;
