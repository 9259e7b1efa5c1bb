CREATE TYPE "public"."contact_request_status" AS ENUM('open', 'done');--> statement-breakpoint
CREATE TYPE "public"."self_assessment_status" AS ENUM('draft', 'submitted');--> statement-breakpoint
CREATE TABLE "contact_request" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"consent_text" text NOT NULL,
	"urgent" boolean NOT NULL,
	"status" "contact_request_status" DEFAULT 'open' NOT NULL,
	"task_opened_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "self_assessment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"instrument_id" text NOT NULL,
	"instrument_version" text NOT NULL,
	"status" "self_assessment_status" DEFAULT 'draft' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"context" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result" jsonb,
	"urgent" boolean DEFAULT false NOT NULL,
	"urgent_task" jsonb,
	"urgent_task_opened_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_request" ADD CONSTRAINT "contact_request_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessment" ADD CONSTRAINT "self_assessment_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_assessment" ADD CONSTRAINT "self_assessment_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_request_organisation_id_status_created_at_index" ON "contact_request" USING btree ("organisation_id","status","created_at");--> statement-breakpoint
CREATE INDEX "self_assessment_organisation_id_person_id_submitted_at_index" ON "self_assessment" USING btree ("organisation_id","person_id","submitted_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "self_assessment_person_id_instrument_id_index" ON "self_assessment" USING btree ("person_id","instrument_id") WHERE "self_assessment"."status" = 'draft';--> statement-breakpoint
-- hand-written below: keep when regenerating
-- Self-assessments and contact requests (issue 11). A submitted self-assessment is never changed: a trigger
-- refuses UPDATE of a row that was already submitted, from anyone (a draft may be saved over until it is
-- submitted, each save bumping its version). Neither table may be emptied by the application.
CREATE OR REPLACE FUNCTION harbour_refuse_submitted_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	IF OLD.status = 'submitted' THEN
		RAISE EXCEPTION 'a submitted self-assessment is never changed'
			USING ERRCODE = '42501', HINT = 'Start a new self-assessment instead.';
	END IF;
	RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS self_assessment_submitted_kept ON self_assessment;--> statement-breakpoint
CREATE TRIGGER self_assessment_submitted_kept BEFORE UPDATE ON self_assessment
FOR EACH ROW EXECUTE FUNCTION harbour_refuse_submitted_change();--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON self_assessment, contact_request TO harbour_app;--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON self_assessment, contact_request FROM harbour_app;--> statement-breakpoint
DO $$
DECLARE
  tenant_table text;
BEGIN
  FOREACH tenant_table IN ARRAY ARRAY['self_assessment', 'contact_request']
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
-- The anonymous check (/check) knows its service only by the ODS code the portal is set up with
-- (HARBOUR_CHECK_SERVICE): this finds that organisation's id before any tenant is known, and returns nothing else
-- (like the locate functions of migration 0003).
CREATE OR REPLACE FUNCTION harbour_locate_organisation(p_ods_code text)
RETURNS TABLE (organisation_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT o.id FROM organisation o WHERE o.ods_code = upper(p_ods_code) ORDER BY o.id LIMIT 1 $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION harbour_locate_organisation(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION harbour_locate_organisation(text) TO harbour_app;
