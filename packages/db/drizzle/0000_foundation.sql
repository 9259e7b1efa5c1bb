CREATE TYPE "public"."clinical_event_type" AS ENUM('prison_release', 'hospital_discharge', 'ost_start', 'ost_dose_change', 'ost_exit', 'detox_completion', 'non_fatal_overdose', 'naloxone_supply', 'naloxone_report', 'contact', 'suicidality', 'case_review');--> statement-breakpoint
CREATE TYPE "public"."discharge_reason" AS ENUM('treatment_completed', 'transferred', 'dropped_out', 'moved_away', 'prison', 'died', 'other');--> statement-breakpoint
CREATE TYPE "public"."episode_status" AS ENUM('referred', 'active', 'discharged');--> statement-breakpoint
CREATE TYPE "public"."sex" AS ENUM('female', 'male', 'intersex', 'not_stated');--> statement-breakpoint
CREATE TYPE "public"."ost_medicine" AS ENUM('methadone', 'buprenorphine', 'buprenorphine_naloxone', 'buprenorphine_prolonged_release');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('keyworker', 'prescriber', 'nurse', 'team_lead', 'service_manager', 'pharmacist', 'administrator', 'caldicott_guardian');--> statement-breakpoint
CREATE TABLE "audit_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"actor_id" uuid,
	"actor_role" text,
	"person_id" uuid,
	"action" text NOT NULL,
	"procedure" text NOT NULL,
	"access_basis" text,
	"reason" text,
	"outcome" text NOT NULL,
	"request_id" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clinical_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"episode_id" uuid,
	"type" "clinical_event_type" NOT NULL,
	"occurred_on" date NOT NULL,
	"details" jsonb NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "treatment_episode" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"keyworker_id" uuid,
	"status" "episode_status" NOT NULL,
	"referred_on" date NOT NULL,
	"started_on" date,
	"ended_on" date,
	"discharge_reason" "discharge_reason",
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "episode_dates_ordered" CHECK ("treatment_episode"."ended_on" is null or "treatment_episode"."ended_on" >= coalesce("treatment_episode"."started_on", "treatment_episode"."referred_on")),
	CONSTRAINT "episode_discharge_complete" CHECK (("treatment_episode"."status" = 'discharged') = ("treatment_episode"."ended_on" is not null and "treatment_episode"."discharge_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "organisation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"ods_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"sex" "sex" NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_state" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"last_contact_on" date,
	"ost_medicine" "ost_medicine",
	"ost_dose_mg" real,
	"ost_since" date,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"email" text NOT NULL,
	"role" "staff_role" NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_membership" (
	"organisation_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_membership_team_id_staff_id_pk" PRIMARY KEY("team_id","staff_id")
);
--> statement-breakpoint
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_event" ADD CONSTRAINT "clinical_event_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_event" ADD CONSTRAINT "clinical_event_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_event" ADD CONSTRAINT "clinical_event_episode_id_treatment_episode_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."treatment_episode"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_event" ADD CONSTRAINT "clinical_event_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_episode" ADD CONSTRAINT "treatment_episode_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_episode" ADD CONSTRAINT "treatment_episode_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_episode" ADD CONSTRAINT "treatment_episode_service_id_service_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."service"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_episode" ADD CONSTRAINT "treatment_episode_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_episode" ADD CONSTRAINT "treatment_episode_keyworker_id_staff_id_fk" FOREIGN KEY ("keyworker_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service" ADD CONSTRAINT "service_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team" ADD CONSTRAINT "team_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team" ADD CONSTRAINT "team_service_id_service_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."service"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_state" ADD CONSTRAINT "person_state_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_state" ADD CONSTRAINT "person_state_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_membership" ADD CONSTRAINT "team_membership_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_membership" ADD CONSTRAINT "team_membership_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_membership" ADD CONSTRAINT "team_membership_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_event_organisation_id_person_id_occurred_at_index" ON "audit_event" USING btree ("organisation_id","person_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_event_occurred_at_index" ON "audit_event" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "clinical_event_person_id_type_occurred_on_index" ON "clinical_event" USING btree ("person_id","type","occurred_on" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "clinical_event_organisation_id_index" ON "clinical_event" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "treatment_episode_team_id_status_index" ON "treatment_episode" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "treatment_episode_person_id_index" ON "treatment_episode" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "treatment_episode_keyworker_id_index" ON "treatment_episode" USING btree ("keyworker_id");--> statement-breakpoint
CREATE INDEX "service_organisation_id_index" ON "service" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "team_organisation_id_service_id_index" ON "team" USING btree ("organisation_id","service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "person_organisation_id_reference_index" ON "person" USING btree ("organisation_id","reference");--> statement-breakpoint
CREATE INDEX "person_organisation_id_family_name_given_name_index" ON "person" USING btree ("organisation_id","family_name","given_name");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_email_index" ON "staff" USING btree ("email");--> statement-breakpoint
CREATE INDEX "staff_organisation_id_index" ON "staff" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "team_membership_staff_id_index" ON "team_membership" USING btree ("staff_id");