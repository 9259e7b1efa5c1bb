CREATE TYPE "public"."alert_outcome" AS ENUM('appropriate', 'inappropriate_referred', 'inappropriate_advice_given');--> statement-breakpoint
CREATE TYPE "public"."alert_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."break_glass_reason" AS ENUM('urgent_clinical_care', 'safeguarding', 'covering_colleague', 'duty_worker', 'other');--> statement-breakpoint
CREATE TYPE "public"."session_stage" AS ENUM('second_factor', 'enrol_second_factor', 'active');--> statement-breakpoint
CREATE TYPE "public"."subject_kind" AS ENUM('staff', 'service_user');--> statement-breakpoint
CREATE TABLE "activation_code" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"issued_by" uuid NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "auth_session" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"subject_kind" "subject_kind" NOT NULL,
	"subject_id" uuid NOT NULL,
	"stage" "session_stage" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"reauthenticated_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text
);
--> statement-breakpoint
CREATE TABLE "break_glass_grant" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"reason_code" "break_glass_reason" NOT NULL,
	"reason_text" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"request_id" text,
	CONSTRAINT "break_glass_expires_after_grant" CHECK ("break_glass_grant"."expires_at" > "break_glass_grant"."granted_at")
);
--> statement-breakpoint
CREATE TABLE "caldicott_alert" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"status" "alert_status" DEFAULT 'open' NOT NULL,
	"outcome" "alert_outcome",
	"outcome_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "caldicott_alert_closed_complete" CHECK (("caldicott_alert"."status" = 'closed') = ("caldicott_alert"."outcome" is not null and "caldicott_alert"."reviewed_by" is not null and "caldicott_alert"."reviewed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "recovery_code" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"subject_kind" "subject_kind" NOT NULL,
	"subject_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "service_user_account" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"username" text NOT NULL,
	"passphrase_hash" text NOT NULL,
	"totp_secret" text,
	"totp_enrolled_at" timestamp with time zone,
	"totp_last_step" bigint,
	"uses_printed_codes" boolean DEFAULT false NOT NULL,
	"activated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "service_user_account_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" bigint DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone DEFAULT now() NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "staff_credential" (
	"staff_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"passphrase_hash" text NOT NULL,
	"passphrase_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"totp_secret" text,
	"totp_enrolled_at" timestamp with time zone,
	"totp_last_step" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "prev_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Hand-added: number the rows written before the chain existed, in the order they were written, so the unique
-- index below can be built; migration 0002 then chains them.
UPDATE "audit_event" SET "seq" = numbered.n FROM (SELECT "id", row_number() OVER (ORDER BY "occurred_at", "id") AS n FROM "audit_event") AS numbered WHERE "audit_event"."id" = numbered."id";--> statement-breakpoint
ALTER TABLE "activation_code" ADD CONSTRAINT "activation_code_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activation_code" ADD CONSTRAINT "activation_code_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activation_code" ADD CONSTRAINT "activation_code_issued_by_staff_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_session" ADD CONSTRAINT "auth_session_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grant" ADD CONSTRAINT "break_glass_grant_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grant" ADD CONSTRAINT "break_glass_grant_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grant" ADD CONSTRAINT "break_glass_grant_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caldicott_alert" ADD CONSTRAINT "caldicott_alert_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caldicott_alert" ADD CONSTRAINT "caldicott_alert_grant_id_break_glass_grant_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."break_glass_grant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caldicott_alert" ADD CONSTRAINT "caldicott_alert_reviewed_by_staff_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_code" ADD CONSTRAINT "recovery_code_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_user_account" ADD CONSTRAINT "service_user_account_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_user_account" ADD CONSTRAINT "service_user_account_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_credential" ADD CONSTRAINT "staff_credential_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_credential" ADD CONSTRAINT "staff_credential_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activation_code_code_hash_index" ON "activation_code" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "activation_code_person_id_index" ON "activation_code" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "auth_session_token_hash_index" ON "auth_session" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "auth_session_subject_kind_subject_id_index" ON "auth_session" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE INDEX "break_glass_grant_staff_id_person_id_expires_at_index" ON "break_glass_grant" USING btree ("staff_id","person_id","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "caldicott_alert_grant_id_index" ON "caldicott_alert" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "caldicott_alert_organisation_id_status_created_at_index" ON "caldicott_alert" USING btree ("organisation_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_code_code_hash_index" ON "recovery_code" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "recovery_code_subject_kind_subject_id_index" ON "recovery_code" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_event_seq_index" ON "audit_event" USING btree ("seq");