CREATE TYPE "public"."dispensing_outcome" AS ENUM('supervised_consumed', 'collected_take_home', 'missed', 'withheld_intoxicated', 'withheld_blocked', 'not_due');--> statement-breakpoint
CREATE TYPE "public"."ost_alert_kind" AS ENUM('alert', 'task');--> statement-breakpoint
CREATE TYPE "public"."ost_alert_recipient" AS ENUM('prescriber', 'keyworker');--> statement-breakpoint
CREATE TYPE "public"."ost_phase" AS ENUM('induction', 'stabilisation', 'maintenance', 'reduction', 'ended');--> statement-breakpoint
CREATE TABLE "dispensing" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"plan_version" integer NOT NULL,
	"pharmacy_id" uuid,
	"day" date NOT NULL,
	"outcome" "dispensing_outcome" NOT NULL,
	"take_home_days" integer DEFAULT 0 NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ost_alert" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" "ost_alert_kind" NOT NULL,
	"task_kind" text,
	"recipient" "ost_alert_recipient" NOT NULL,
	"recipient_staff_id" uuid,
	"on" date NOT NULL,
	"reason" text NOT NULL,
	"rule_id" text NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ost_plan" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"medicine" "ost_medicine" NOT NULL,
	"phase" "ost_phase" NOT NULL,
	"dose_mg" real NOT NULL,
	"pharmacy_id" uuid,
	"effective_from" date NOT NULL,
	"review_on" date NOT NULL,
	"plan" jsonb NOT NULL,
	"dispensing" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ost_plan_version" (
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"pharmacy_id" uuid,
	"plan" jsonb NOT NULL,
	"wording" jsonb NOT NULL,
	"findings" jsonb NOT NULL,
	"acknowledgements" jsonb NOT NULL,
	"reason" text NOT NULL,
	"written_by" uuid,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ost_plan_version_plan_id_version_pk" PRIMARY KEY("plan_id","version")
);
--> statement-breakpoint
CREATE TABLE "pharmacy" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pharmacy_membership" (
	"organisation_id" uuid NOT NULL,
	"pharmacy_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pharmacy_membership_pharmacy_id_staff_id_pk" PRIMARY KEY("pharmacy_id","staff_id")
);
--> statement-breakpoint
ALTER TABLE "dispensing" ADD CONSTRAINT "dispensing_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensing" ADD CONSTRAINT "dispensing_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensing" ADD CONSTRAINT "dispensing_plan_id_ost_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."ost_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensing" ADD CONSTRAINT "dispensing_pharmacy_id_pharmacy_id_fk" FOREIGN KEY ("pharmacy_id") REFERENCES "public"."pharmacy"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispensing" ADD CONSTRAINT "dispensing_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ost_alert" ADD CONSTRAINT "ost_alert_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ost_alert" ADD CONSTRAINT "ost_alert_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ost_alert" ADD CONSTRAINT "ost_alert_plan_id_ost_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."ost_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ost_alert" ADD CONSTRAINT "ost_alert_recipient_staff_id_staff_id_fk" FOREIGN KEY ("recipient_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ost_alert" ADD CONSTRAINT "ost_alert_closed_by_staff_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ost_plan" ADD CONSTRAINT "ost_plan_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ost_plan" ADD CONSTRAINT "ost_plan_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ost_plan" ADD CONSTRAINT "ost_plan_episode_id_treatment_episode_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."treatment_episode"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ost_plan" ADD CONSTRAINT "ost_plan_pharmacy_id_pharmacy_id_fk" FOREIGN KEY ("pharmacy_id") REFERENCES "public"."pharmacy"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ost_plan_version" ADD CONSTRAINT "ost_plan_version_plan_id_ost_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."ost_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ost_plan_version" ADD CONSTRAINT "ost_plan_version_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ost_plan_version" ADD CONSTRAINT "ost_plan_version_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ost_plan_version" ADD CONSTRAINT "ost_plan_version_pharmacy_id_pharmacy_id_fk" FOREIGN KEY ("pharmacy_id") REFERENCES "public"."pharmacy"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ost_plan_version" ADD CONSTRAINT "ost_plan_version_written_by_staff_id_fk" FOREIGN KEY ("written_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy" ADD CONSTRAINT "pharmacy_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy_membership" ADD CONSTRAINT "pharmacy_membership_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy_membership" ADD CONSTRAINT "pharmacy_membership_pharmacy_id_pharmacy_id_fk" FOREIGN KEY ("pharmacy_id") REFERENCES "public"."pharmacy"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pharmacy_membership" ADD CONSTRAINT "pharmacy_membership_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dispensing_person_id_day_index" ON "dispensing" USING btree ("person_id","day");--> statement-breakpoint
CREATE INDEX "dispensing_organisation_id_pharmacy_id_day_index" ON "dispensing" USING btree ("organisation_id","pharmacy_id","day");--> statement-breakpoint
CREATE INDEX "ost_alert_organisation_id_recipient_staff_id_index" ON "ost_alert" USING btree ("organisation_id","recipient_staff_id") WHERE "ost_alert"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "ost_alert_person_id_index" ON "ost_alert" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ost_plan_person_id_episode_id_index" ON "ost_plan" USING btree ("person_id","episode_id");--> statement-breakpoint
CREATE INDEX "ost_plan_organisation_id_pharmacy_id_index" ON "ost_plan" USING btree ("organisation_id","pharmacy_id");--> statement-breakpoint
CREATE INDEX "ost_plan_version_organisation_id_person_id_index" ON "ost_plan_version" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE INDEX "pharmacy_organisation_id_index" ON "pharmacy" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "pharmacy_membership_staff_id_index" ON "pharmacy_membership" USING btree ("staff_id");--> statement-breakpoint
-- hand-written below: keep when regenerating
-- OST plans and the pharmacy loop (issue 10). Plan versions and dispensing rows are append-only, like the clinical
-- record's versions (migration 0006): a trigger refuses UPDATE, DELETE and TRUNCATE from anyone.
DROP TRIGGER IF EXISTS ost_plan_version_append_only ON ost_plan_version;--> statement-breakpoint
CREATE TRIGGER ost_plan_version_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ost_plan_version
FOR EACH STATEMENT EXECUTE FUNCTION harbour_refuse_version_change();--> statement-breakpoint
DROP TRIGGER IF EXISTS dispensing_append_only ON dispensing;--> statement-breakpoint
CREATE TRIGGER dispensing_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON dispensing
FOR EACH STATEMENT EXECUTE FUNCTION harbour_refuse_version_change();--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON pharmacy, pharmacy_membership, ost_plan, ost_plan_version, dispensing, ost_alert TO harbour_app;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON ost_plan_version, dispensing FROM harbour_app;--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON ost_plan, ost_alert FROM harbour_app;--> statement-breakpoint
-- Row-level security on the new tenant tables, the same policy as migration 0003's.
DO $$
DECLARE
  tenant_table text;
BEGIN
  FOREACH tenant_table IN ARRAY ARRAY['pharmacy', 'pharmacy_membership', 'ost_plan', 'ost_plan_version', 'dispensing', 'ost_alert']
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
-- The pharmacist's scope (docs/security.md): a transaction acting for a pharmacist sees only the people with a
-- current plan (not ended) at a pharmacy they work at, and of them only their person row, episodes, plans,
-- dispensing and the loop's alerts. These two functions read staff, memberships and plans as their owner, so the
-- restrictive policies below can ask them without recursing into ost_plan's own policy; they return nothing but
-- a yes/no and ids, for the actor of the current transaction only.
CREATE OR REPLACE FUNCTION harbour_actor_is_pharmacist()
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT EXISTS (
    SELECT 1 FROM staff s
    WHERE s.id = nullif(current_setting('harbour.actor_id', true), '')::uuid
      AND s.organisation_id = nullif(current_setting('harbour.organisation_id', true), '')::uuid
      AND s.role = 'pharmacist')
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION harbour_pharmacist_people()
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
  SELECT p.person_id FROM ost_plan p
  JOIN pharmacy_membership m ON m.pharmacy_id = p.pharmacy_id AND m.organisation_id = p.organisation_id
  WHERE m.staff_id = nullif(current_setting('harbour.actor_id', true), '')::uuid
    AND p.organisation_id = nullif(current_setting('harbour.organisation_id', true), '')::uuid
    AND p.phase <> 'ended'
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION harbour_actor_is_pharmacist() FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION harbour_pharmacist_people() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION harbour_actor_is_pharmacist() TO harbour_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION harbour_pharmacist_people() TO harbour_app;--> statement-breakpoint
-- Restrictive: added to (ANDed with) the tenant policy. For anyone but a pharmacist the first test is true once per
-- statement (an init plan), so other staff, service users and system jobs see exactly what they saw before.
DO $$
DECLARE
  scoped record;
BEGIN
  FOR scoped IN
    SELECT * FROM (VALUES ('person', 'id'), ('treatment_episode', 'person_id'), ('person_state', 'person_id'),
      ('ost_plan', 'person_id'), ('ost_plan_version', 'person_id'), ('dispensing', 'person_id'),
      ('ost_alert', 'person_id')) AS t(name, person_key)
  LOOP
    EXECUTE format('DROP POLICY IF EXISTS harbour_pharmacist_scope ON public.%I', scoped.name);
    EXECUTE format(
      'CREATE POLICY harbour_pharmacist_scope ON public.%I AS RESTRICTIVE FOR ALL TO harbour_app '
        'USING ((SELECT NOT harbour_actor_is_pharmacist()) OR %I IN (SELECT harbour_pharmacist_people())) '
        'WITH CHECK ((SELECT NOT harbour_actor_is_pharmacist()) OR %I IN (SELECT harbour_pharmacist_people()))',
      scoped.name, scoped.person_key, scoped.person_key);
  END LOOP;
END $$;
