CREATE TYPE "public"."competency_kind" AS ENUM('naloxone_training', 'overdose_response', 'risk_assessment');--> statement-breakpoint
ALTER TYPE "public"."task_kind" ADD VALUE 'competency_renewal' BEFORE 'missed_booking_outreach';--> statement-breakpoint
CREATE TABLE "staff_competency" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"kind" "competency_kind" NOT NULL,
	"achieved_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"recorded_by" uuid NOT NULL,
	"replaces_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_competency_dates" CHECK ("staff_competency"."expires_on" > "staff_competency"."achieved_on")
);
--> statement-breakpoint
ALTER TABLE "staff_competency" ADD CONSTRAINT "staff_competency_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_competency" ADD CONSTRAINT "staff_competency_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_competency" ADD CONSTRAINT "staff_competency_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_competency" ADD CONSTRAINT "staff_competency_replaces_id_staff_competency_id_fk" FOREIGN KEY ("replaces_id") REFERENCES "public"."staff_competency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_competency_organisation_id_staff_id_index" ON "staff_competency" USING btree ("organisation_id","staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_competency_replaced_once" ON "staff_competency" USING btree ("replaces_id");
--> statement-breakpoint
-- hand-written below: keep when regenerating
-- The staff competency register (issue 9). A record is never changed or removed: a renewal or a correction is a
-- new row (a correction names the row it replaces), so the application role may only read and insert.
GRANT SELECT, INSERT ON staff_competency TO harbour_app;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON staff_competency FROM harbour_app;--> statement-breakpoint
ALTER TABLE public.staff_competency ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE public.staff_competency FORCE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS harbour_tenant_isolation ON public.staff_competency;--> statement-breakpoint
CREATE POLICY harbour_tenant_isolation ON public.staff_competency AS PERMISSIVE FOR ALL TO harbour_app
  USING (organisation_id = (SELECT nullif(current_setting('harbour.organisation_id', true), '')::uuid))
  WITH CHECK (organisation_id = (SELECT nullif(current_setting('harbour.organisation_id', true), '')::uuid));
