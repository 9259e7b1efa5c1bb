CREATE TYPE "public"."alert_kind" AS ENUM('break_glass', 'refusal_burst');--> statement-breakpoint
CREATE TABLE "refusal_throttle" (
	"staff_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"refusals" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "staff_organisation_id_index";--> statement-breakpoint
DROP INDEX "staff_email_index";--> statement-breakpoint
ALTER TABLE "caldicott_alert" ALTER COLUMN "grant_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "target_staff_id" uuid;--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "changes" jsonb;--> statement-breakpoint
ALTER TABLE "caldicott_alert" ADD COLUMN "kind" "alert_kind" DEFAULT 'break_glass' NOT NULL;--> statement-breakpoint
ALTER TABLE "caldicott_alert" ADD COLUMN "subject_staff_id" uuid;--> statement-breakpoint
-- Added by hand to the generated migration: every alert raised before it is a break-glass alert, about its
-- grant's member of staff; they are filled in before the column becomes NOT NULL.
UPDATE "caldicott_alert" SET "subject_staff_id" = g."staff_id" FROM "break_glass_grant" g WHERE g."id" = "caldicott_alert"."grant_id";--> statement-breakpoint
ALTER TABLE "caldicott_alert" ALTER COLUMN "subject_staff_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "caldicott_alert" ADD COLUMN "refusals" integer;--> statement-breakpoint
ALTER TABLE "caldicott_alert" ADD COLUMN "window_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refusal_throttle" ADD CONSTRAINT "refusal_throttle_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refusal_throttle" ADD CONSTRAINT "refusal_throttle_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caldicott_alert" ADD CONSTRAINT "caldicott_alert_subject_staff_id_staff_id_fk" FOREIGN KEY ("subject_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_event_organisation_id_target_staff_id_occurred_at_index" ON "audit_event" USING btree ("organisation_id","target_staff_id","occurred_at");--> statement-breakpoint
CREATE INDEX "caldicott_alert_subject_staff_id_index" ON "caldicott_alert" USING btree ("subject_staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_organisation_id_email_index" ON "staff" USING btree ("organisation_id","email");--> statement-breakpoint
CREATE INDEX "staff_email_index" ON "staff" USING btree ("email");--> statement-breakpoint
ALTER TABLE "caldicott_alert" ADD CONSTRAINT "caldicott_alert_kind_detail" CHECK (("caldicott_alert"."kind" = 'break_glass' and "caldicott_alert"."grant_id" is not null and "caldicott_alert"."refusals" is null) or ("caldicott_alert"."kind" = 'refusal_burst' and "caldicott_alert"."grant_id" is null and "caldicott_alert"."refusals" is not null and "caldicott_alert"."window_started_at" is not null));