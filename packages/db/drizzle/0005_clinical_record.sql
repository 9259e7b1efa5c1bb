CREATE TYPE "public"."entry_status" AS ENUM('active', 'entered_in_error');--> statement-breakpoint
CREATE TYPE "public"."risk_tier" AS ENUM('low', 'moderate', 'high', 'very_high');--> statement-breakpoint
CREATE TYPE "public"."fact_kind" AS ENUM('drug_use', 'injecting', 'co_prescriptions', 'conditions', 'housing', 'alcohol', 'safety_plan', 'flags');--> statement-breakpoint
CREATE TYPE "public"."score_cause" AS ENUM('entry', 'daily', 'rescore', 'history');--> statement-breakpoint
CREATE TABLE "clinical_event_version" (
	"event_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"type" "clinical_event_type" NOT NULL,
	"occurred_on" date NOT NULL,
	"details" jsonb NOT NULL,
	"status" "entry_status" NOT NULL,
	"reason" text,
	"written_by" uuid,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinical_event_version_event_id_version_pk" PRIMARY KEY("event_id","version")
);
--> statement-breakpoint
CREATE TABLE "person_fact" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "fact_kind" NOT NULL,
	"details" jsonb NOT NULL,
	"recorded_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_fact_version" (
	"fact_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "fact_kind" NOT NULL,
	"details" jsonb NOT NULL,
	"recorded_on" date NOT NULL,
	"reason" text,
	"written_by" uuid,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_fact_version_fact_id_version_pk" PRIMARY KEY("fact_id","version")
);
--> statement-breakpoint
CREATE TABLE "risk_score_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"score" integer NOT NULL,
	"tier" "risk_tier" NOT NULL,
	"model_version" text NOT NULL,
	"cause" "score_cause" NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clinical_event" ADD COLUMN "status" "entry_status" DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "clinical_event" ADD COLUMN "idempotency_key" uuid;--> statement-breakpoint
ALTER TABLE "person_state" ADD COLUMN "risk_score" integer;--> statement-breakpoint
ALTER TABLE "person_state" ADD COLUMN "risk_tier" "risk_tier";--> statement-breakpoint
ALTER TABLE "person_state" ADD COLUMN "risk_tier_rank" smallint;--> statement-breakpoint
ALTER TABLE "person_state" ADD COLUMN "risk_model_version" text;--> statement-breakpoint
ALTER TABLE "person_state" ADD COLUMN "risk_as_of" date;--> statement-breakpoint
ALTER TABLE "person_state" ADD COLUMN "risk_next_change_on" date;--> statement-breakpoint
ALTER TABLE "person_state" ADD COLUMN "risk_high_since" date;--> statement-breakpoint
ALTER TABLE "person_state" ADD COLUMN "risk_reasons" jsonb;--> statement-breakpoint
ALTER TABLE "person_state" ADD COLUMN "risk_assessment" jsonb;--> statement-breakpoint
ALTER TABLE "person_state" ADD COLUMN "record_gaps" jsonb;--> statement-breakpoint
ALTER TABLE "clinical_event_version" ADD CONSTRAINT "clinical_event_version_event_id_clinical_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."clinical_event"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_event_version" ADD CONSTRAINT "clinical_event_version_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_event_version" ADD CONSTRAINT "clinical_event_version_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_event_version" ADD CONSTRAINT "clinical_event_version_written_by_staff_id_fk" FOREIGN KEY ("written_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_fact" ADD CONSTRAINT "person_fact_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_fact" ADD CONSTRAINT "person_fact_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_fact" ADD CONSTRAINT "person_fact_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_fact_version" ADD CONSTRAINT "person_fact_version_fact_id_person_fact_id_fk" FOREIGN KEY ("fact_id") REFERENCES "public"."person_fact"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_fact_version" ADD CONSTRAINT "person_fact_version_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_fact_version" ADD CONSTRAINT "person_fact_version_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_fact_version" ADD CONSTRAINT "person_fact_version_written_by_staff_id_fk" FOREIGN KEY ("written_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_score_history" ADD CONSTRAINT "risk_score_history_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_score_history" ADD CONSTRAINT "risk_score_history_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clinical_event_version_organisation_id_person_id_index" ON "clinical_event_version" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "person_fact_person_id_kind_index" ON "person_fact" USING btree ("person_id","kind");--> statement-breakpoint
CREATE INDEX "person_fact_organisation_id_index" ON "person_fact" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "person_fact_version_organisation_id_person_id_index" ON "person_fact_version" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE INDEX "risk_score_history_person_id_as_of_index" ON "risk_score_history" USING btree ("person_id","as_of" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "risk_score_history_organisation_id_index" ON "risk_score_history" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clinical_event_organisation_id_idempotency_key_index" ON "clinical_event" USING btree ("organisation_id","idempotency_key") WHERE "clinical_event"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "person_state_organisation_id_risk_next_change_on_index" ON "person_state" USING btree ("organisation_id","risk_next_change_on");