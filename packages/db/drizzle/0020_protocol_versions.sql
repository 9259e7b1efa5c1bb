ALTER TYPE "public"."task_escalation_reason" ADD VALUE 'competency_expired';--> statement-breakpoint
CREATE TABLE "overdose_protocol_version" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"checklists" jsonb NOT NULL,
	"change_note" text NOT NULL,
	"published_by" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "overdose_protocol_version_positive" CHECK ("overdose_protocol_version"."version" > 0)
);
--> statement-breakpoint
ALTER TABLE "staff_competency" ADD COLUMN "correction_reason" text;--> statement-breakpoint
ALTER TABLE "overdose_protocol_version" ADD CONSTRAINT "overdose_protocol_version_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overdose_protocol_version" ADD CONSTRAINT "overdose_protocol_version_published_by_staff_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "overdose_protocol_version_once" ON "overdose_protocol_version" USING btree ("organisation_id","version");--> statement-breakpoint
CREATE INDEX "overdose_protocol_version_organisation_id_effective_from_index" ON "overdose_protocol_version" USING btree ("organisation_id","effective_from");--> statement-breakpoint
ALTER TABLE "staff_competency" ADD CONSTRAINT "staff_competency_reason_on_correction" CHECK ("staff_competency"."correction_reason" is null or "staff_competency"."replaces_id" is not null);--> statement-breakpoint
-- hand-written below: keep when regenerating
-- A service's overdose-risk protocol versions (issue 9). A version is never changed or removed: a change is the
-- next version, so the application role may only read and insert.
GRANT SELECT, INSERT ON overdose_protocol_version TO harbour_app;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON overdose_protocol_version FROM harbour_app;--> statement-breakpoint
ALTER TABLE public.overdose_protocol_version ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE public.overdose_protocol_version FORCE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS harbour_tenant_isolation ON public.overdose_protocol_version;--> statement-breakpoint
CREATE POLICY harbour_tenant_isolation ON public.overdose_protocol_version AS PERMISSIVE FOR ALL TO harbour_app
  USING (organisation_id = (SELECT nullif(current_setting('harbour.organisation_id', true), '')::uuid))
  WITH CHECK (organisation_id = (SELECT nullif(current_setting('harbour.organisation_id', true), '')::uuid));
