-- The append-only, hash-chained audit trail (issue 4, security.md promises 3 and 12).
--
-- Every audit_event row carries its place in one chain across all organisations: `seq` (1, 2, 3… with no gaps),
-- `prev_hash` (the previous row's `hash`; '' for row 1) and `hash` (harbour_audit_hash below). A BEFORE INSERT
-- trigger sets all three, whatever the INSERT said; a trigger refuses UPDATE, DELETE and TRUNCATE. Changing,
-- removing or reordering a row afterwards (which needs the table owner to disable that trigger first) breaks the
-- chain at that row, and `pnpm --filter @harbour/db audit:verify` names it.
--
-- The chain's head (last seq and hash) lives in harbour_private.audit_chain_head, one row, outside `public`:
-- writers serialise on it with SELECT … FOR UPDATE, and the trigger never has to read audit_event itself, so
-- row-level security on audit_event (forced for the application role, migration 0003) cannot hide part of the
-- chain from it. The application role harbour_app is granted only SELECT and INSERT on audit_event (0003) and
-- nothing in harbour_private: the trigger runs as the owner.
CREATE SCHEMA IF NOT EXISTS harbour_private;--> statement-breakpoint
REVOKE ALL ON SCHEMA harbour_private FROM PUBLIC;--> statement-breakpoint
CREATE TABLE IF NOT EXISTS harbour_private.audit_chain_head (
	"one_row" boolean PRIMARY KEY DEFAULT true CHECK ("one_row"),
	"last_seq" bigint NOT NULL,
	"last_hash" text NOT NULL
);
--> statement-breakpoint
REVOKE ALL ON harbour_private.audit_chain_head FROM PUBLIC;--> statement-breakpoint
INSERT INTO harbour_private.audit_chain_head ("one_row", "last_seq", "last_hash") VALUES (true, 0, '') ON CONFLICT DO NOTHING;--> statement-breakpoint
-- A row's hash: the lowercase hex SHA-256 of the UTF-8 text of this JSON array (jsonb's text form: elements
-- separated by ", ", strings JSON-escaped, SQL NULL as null, so '' and NULL differ):
--   ["harbour-audit-v1", seq, prev_hash, id, organisation_id, actor_id, actor_role, person_id, action,
--    procedure, access_basis, reason, outcome, request_id, occurred_at]
-- seq is a JSON number; uuids are their lowercase text; occurred_at is UTC with microseconds,
-- "YYYY-MM-DDTHH:MM:SS.ffffffZ", whatever the session's TimeZone. Every column but `hash` is covered, so
-- changing any of them changes the hash. A column added to audit_event later needs a new version of this form
-- (and of the verifier, which recomputes hashes with this function).
CREATE OR REPLACE FUNCTION harbour_audit_hash(r audit_event) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = public, pg_temp
AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    'harbour-audit-v1'::text,
    r.seq,
    r.prev_hash,
    r.id::text,
    r.organisation_id::text,
    r.actor_id::text,
    r.actor_role,
    r.person_id::text,
    r.action,
    r.procedure,
    r.access_basis,
    r.reason,
    r.outcome,
    r.request_id,
    to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
  )::text, 'UTF8')), 'hex')
$$;--> statement-breakpoint
-- Chain the rows written before this migration, in `seq` order (0001 numbered them 1..n by time; a row still
-- at the default 0 goes after them, by time), renumbering so seq runs 1..n without gaps. This must run before
-- the trigger refusing UPDATE exists. Nothing to do when every row is already chained, so running it again is
-- harmless.
DO $$
DECLARE
	r audit_event;
	head harbour_private.audit_chain_head;
BEGIN
	SELECT * INTO STRICT head FROM harbour_private.audit_chain_head FOR UPDATE;
	FOR r IN
		SELECT * FROM audit_event WHERE seq > head.last_seq OR seq < 1 ORDER BY seq < 1, seq, occurred_at, id
	LOOP
		r.seq := head.last_seq + 1;
		r.prev_hash := head.last_hash;
		r.hash := harbour_audit_hash(r);
		UPDATE audit_event SET seq = r.seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
		head.last_seq := r.seq;
		head.last_hash := r.hash;
	END LOOP;
	UPDATE harbour_private.audit_chain_head SET last_seq = head.last_seq, last_hash = head.last_hash;
END
$$;--> statement-breakpoint
-- Numbers and hashes each new row. Writers queue on the head row's lock, held until their transaction ends,
-- so rows are numbered in commit order and a reader never sees a gap that a later commit fills. Under
-- REPEATABLE READ a writer that lost the race fails with SQLSTATE 40001 (retry it); the default READ
-- COMMITTED waits instead. occurred_at is the INSERT's (by default the transaction's start), and is hashed.
CREATE OR REPLACE FUNCTION harbour_audit_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
	head harbour_private.audit_chain_head;
BEGIN
	SELECT * INTO STRICT head FROM harbour_private.audit_chain_head FOR UPDATE;
	NEW.seq := head.last_seq + 1;
	NEW.prev_hash := head.last_hash;
	NEW.occurred_at := coalesce(NEW.occurred_at, now());
	NEW.hash := harbour_audit_hash(NEW);
	UPDATE harbour_private.audit_chain_head SET last_seq = NEW.seq, last_hash = NEW.hash;
	RETURN NEW;
END
$$;--> statement-breakpoint
-- Row triggers of one kind fire in name order: "zz_" so this one runs after any other BEFORE INSERT trigger and
-- the hash covers the row exactly as stored.
DROP TRIGGER IF EXISTS zz_audit_event_chain ON audit_event;--> statement-breakpoint
CREATE TRIGGER zz_audit_event_chain BEFORE INSERT ON audit_event
FOR EACH ROW EXECUTE FUNCTION harbour_audit_chain();--> statement-breakpoint
-- Refuses every UPDATE, DELETE and TRUNCATE statement on audit_event, even one that would touch no row, whoever
-- runs it (the owner and superusers included, unless they first disable this trigger, which verification then
-- exposes).
CREATE OR REPLACE FUNCTION harbour_audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
		USING ERRCODE = '42501', HINT = 'Audit rows are never changed or removed; record a correction as a new row.';
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event;--> statement-breakpoint
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
FOR EACH STATEMENT EXECUTE FUNCTION harbour_audit_refuse_change();--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
