CREATE TYPE "public"."task_assignee_kind" AS ENUM('keyworker', 'prescriber', 'team', 'team_lead', 'staff');--> statement-breakpoint
CREATE TYPE "public"."task_cancel_reason" AS ENUM('opened_in_error', 'duplicate', 'no_longer_needed', 'person_died', 'left_service', 'in_custody', 'ost_ended');--> statement-breakpoint
CREATE TYPE "public"."task_escalation_reason" AS ENUM('repeat_overdose', 'overdue');--> statement-breakpoint
CREATE TYPE "public"."task_escalation_target" AS ENUM('team_lead', 'service_manager');--> statement-breakpoint
CREATE TYPE "public"."task_kind" AS ENUM('release_contact', 'release_prescribing', 'discharge_contact', 'naloxone_supply', 'naloxone_expiry', 'overdose_follow_up', 'dose_review', 'repeat_overdose_review', 'induction_review', 'exit_contact', 'exit_gp_letter', 'detox_contact', 'case_review_action', 'missed_dose_review', 'supervision_review', 'reengagement', 'self_assessment_contact', 'contact_request', 'missed_booking_outreach');--> statement-breakpoint
CREATE TYPE "public"."task_outcome" AS ENUM('contacted', 'could_not_reach', 'naloxone_supplied', 'naloxone_already_held', 'naloxone_declined', 'prescribing_started', 'appointment_declined', 'reviewed_no_change', 'dose_changed', 'supervision_changed', 'gp_informed', 'case_reviewed', 'action_done');--> statement-breakpoint
CREATE TYPE "public"."task_priority" AS ENUM('urgent', 'routine');--> statement-breakpoint
CREATE TYPE "public"."task_status" AS ENUM('open', 'done', 'missed', 'cancelled');--> statement-breakpoint
CREATE TABLE "task" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid,
	"kind" "task_kind" NOT NULL,
	"why" text NOT NULL,
	"note" text,
	"due_on" date NOT NULL,
	"same_day" boolean NOT NULL,
	"priority" "task_priority" NOT NULL,
	"assignee_kind" "task_assignee_kind" NOT NULL,
	"assignee_staff_id" uuid,
	"team_id" uuid,
	"source_event_id" uuid,
	"source_event_type" "clinical_event_type",
	"source_event_on" date NOT NULL,
	"rule_id" text NOT NULL,
	"source_cause" text,
	"window_ends_on" date,
	"escalated_to" "task_escalation_target",
	"escalation_reason" "task_escalation_reason",
	"escalated_on" date,
	"opened_on" date NOT NULL,
	"status" "task_status" DEFAULT 'open' NOT NULL,
	"outcome" "task_outcome",
	"cancel_reason" "task_cancel_reason",
	"closed_on" date,
	"closed_by" uuid,
	"closed_by_event_id" uuid,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_closure_complete" CHECK (("task"."status" = 'open') = ("task"."closed_on" is null)
        and ("task"."status" <> 'done' or "task"."outcome" is not null)
        and ("task"."status" <> 'cancelled' or "task"."cancel_reason" is not null)),
	CONSTRAINT "task_escalation_complete" CHECK (("task"."escalated_to" is null) = ("task"."escalation_reason" is null) and ("task"."escalated_to" is null) = ("task"."escalated_on" is null))
);
--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_assignee_staff_id_staff_id_fk" FOREIGN KEY ("assignee_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_source_event_id_clinical_event_id_fk" FOREIGN KEY ("source_event_id") REFERENCES "public"."clinical_event"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_closed_by_staff_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_closed_by_event_id_clinical_event_id_fk" FOREIGN KEY ("closed_by_event_id") REFERENCES "public"."clinical_event"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_open_by_assignee" ON "task" USING btree ("assignee_staff_id","due_on") WHERE "task"."status" = 'open';--> statement-breakpoint
CREATE INDEX "task_open_by_team" ON "task" USING btree ("team_id","due_on") WHERE "task"."status" = 'open';--> statement-breakpoint
CREATE INDEX "task_open_by_person" ON "task" USING btree ("person_id","due_on") WHERE "task"."status" = 'open';--> statement-breakpoint
CREATE INDEX "task_organisation_id_status_index" ON "task" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "task_source_event_id_index" ON "task" USING btree ("source_event_id");--> statement-breakpoint
-- hand-written below: keep when regenerating
-- Tasks (issue 9) are part of the person's record: closed, never deleted (a missed task still counts in reports).
GRANT SELECT, INSERT, UPDATE ON task TO harbour_app;--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON task FROM harbour_app;--> statement-breakpoint
-- Row-level security, the same policy as migrations 0003 and 0006: tenant by organisation_id.
ALTER TABLE public.task ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE public.task FORCE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS harbour_tenant_isolation ON public.task;--> statement-breakpoint
CREATE POLICY harbour_tenant_isolation ON public.task AS PERMISSIVE FOR ALL TO harbour_app
  USING (organisation_id = (SELECT nullif(current_setting('harbour.organisation_id', true), '')::uuid))
  WITH CHECK (organisation_id = (SELECT nullif(current_setting('harbour.organisation_id', true), '')::uuid));
