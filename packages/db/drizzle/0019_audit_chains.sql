ALTER TABLE "audit_event" ADD COLUMN "chain" smallint;--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_event_chain_chain_seq_index" ON "audit_event" USING btree ("chain","chain_seq");--> statement-breakpoint
-- hand-written below: keep when regenerating
-- Sixteen audit chains instead of one (issue 8; docs/performance.md, "Caseload sorted by risk"; security.md).
--
-- Until now every audited request in every organisation queued on one chain head (0002), and held it until its
-- transaction had committed and reached the disk, so audited requests ran one at a time however many
-- connections the server had: with 32 requests in flight, the caseload's throughput fell by about a third against
-- the same code with the head's lock removed. Now each new row joins one of sixteen chains (0 to 15), each with
-- its own head: the trigger takes the first head no other transaction holds (SKIP LOCKED, starting from one chosen
-- by the connection, so a pooled connection tends to keep to its chain) and waits only when all sixteen are held.
-- Within a chain nothing changes: `chain_seq` runs 1, 2, 3… without gaps, in commit order, each row's
-- `prev_hash` is the chain's previous `hash`, and removing, changing or reordering a row breaks its chain there.
-- `seq` becomes the row's number across all chains in write order (from a sequence: unique and increasing, with a
-- gap where a transaction rolled back), so anything that orders audit rows by `seq` still does.
--
-- Rows written before this migration keep `chain` null and stay where they are: the first chain, numbered by
-- `seq` and hashed in their own forms (v1, v2), with its head frozen (the head row whose `chain` is null). A row
-- of the new chains is hashed in a third form that also names its chain and place in it:
--   ["harbour-audit-v3", chain, chain_seq, seq, prev_hash, id, organisation_id, actor_id, actor_role, person_id,
--    action, procedure, access_basis, reason, outcome, request_id, occurred_at, target_staff_id, changes]
-- (encodings as in 0002 and 0008), so moving a row to another chain or place changes what its hash should be.
ALTER TABLE harbour_private.audit_chain_head ADD COLUMN IF NOT EXISTS "chain" smallint;--> statement-breakpoint
ALTER TABLE harbour_private.audit_chain_head DROP CONSTRAINT IF EXISTS audit_chain_head_pkey;--> statement-breakpoint
ALTER TABLE harbour_private.audit_chain_head DROP CONSTRAINT IF EXISTS audit_chain_head_one_row_check;--> statement-breakpoint
ALTER TABLE harbour_private.audit_chain_head DROP COLUMN IF EXISTS "one_row";--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS audit_chain_head_chain_index ON harbour_private.audit_chain_head ("chain") NULLS NOT DISTINCT;--> statement-breakpoint
ALTER TABLE harbour_private.audit_chain_head ADD CONSTRAINT audit_chain_head_chain_check CHECK ("chain" BETWEEN 0 AND 15);--> statement-breakpoint
INSERT INTO harbour_private.audit_chain_head ("chain", "last_seq", "last_hash")
  SELECT g, 0, '' FROM generate_series(0, 15) AS g ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Every audited request updates a head row: vacuum the small table often, so its dead row versions never pile
-- up in the pages every insert reads.
ALTER TABLE harbour_private.audit_chain_head SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);--> statement-breakpoint
-- A row of the new chains has both its chain and its place; a row of the first has neither.
ALTER TABLE public.audit_event ADD CONSTRAINT audit_event_chain_place CHECK (("chain" IS NULL) = ("chain_seq" IS NULL));--> statement-breakpoint
ALTER TABLE public.audit_event ADD CONSTRAINT audit_event_chain_range CHECK ("chain" BETWEEN 0 AND 15);--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS harbour_private.audit_seq AS bigint;--> statement-breakpoint
REVOKE ALL ON SEQUENCE harbour_private.audit_seq FROM PUBLIC;--> statement-breakpoint
SELECT setval('harbour_private.audit_seq', greatest(1, (SELECT last_seq FROM harbour_private.audit_chain_head WHERE "chain" IS NULL)),
  (SELECT last_seq FROM harbour_private.audit_chain_head WHERE "chain" IS NULL) > 0);--> statement-breakpoint
CREATE OR REPLACE FUNCTION harbour_audit_hash(r audit_event) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = public, pg_temp
AS $$
  SELECT encode(sha256(convert_to((
    CASE WHEN r.chain IS NOT NULL THEN jsonb_build_array(
      'harbour-audit-v3'::text, r.chain, r.chain_seq,
      r.seq, r.prev_hash, r.id::text, r.organisation_id::text, r.actor_id::text, r.actor_role, r.person_id::text,
      r.action, r.procedure, r.access_basis, r.reason, r.outcome, r.request_id,
      to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      r.target_staff_id::text, r.changes
    ) WHEN r.target_staff_id IS NULL AND r.changes IS NULL THEN jsonb_build_array(
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
-- Numbers and hashes each new row in the first chain no other transaction holds. The head stays locked until
-- the transaction ends, so a chain's rows are numbered in commit order and a reader never sees a gap in a chain
-- that a later commit fills. Under REPEATABLE READ a writer that lost a race for a head fails with SQLSTATE 40001
-- (retry it); the default READ COMMITTED moves on to a free chain, or waits when none is.
CREATE OR REPLACE FUNCTION harbour_audit_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
	head harbour_private.audit_chain_head;
BEGIN
	SELECT * INTO head FROM harbour_private.audit_chain_head WHERE "chain" IS NOT NULL
		ORDER BY ("chain" + pg_backend_pid()) % 16 LIMIT 1 FOR UPDATE SKIP LOCKED;
	IF NOT FOUND THEN
		SELECT * INTO STRICT head FROM harbour_private.audit_chain_head WHERE "chain" = pg_backend_pid() % 16 FOR UPDATE;
	END IF;
	NEW.chain := head.chain;
	NEW.chain_seq := head.last_seq + 1;
	NEW.seq := nextval('harbour_private.audit_seq');
	NEW.prev_hash := head.last_hash;
	NEW.occurred_at := coalesce(NEW.occurred_at, now());
	NEW.hash := harbour_audit_hash(NEW);
	UPDATE harbour_private.audit_chain_head SET last_seq = NEW.chain_seq, last_hash = NEW.hash WHERE "chain" = head.chain;
	RETURN NEW;
END
$$;
