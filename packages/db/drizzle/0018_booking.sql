CREATE TYPE "public"."booking_status" AS ENUM('booked', 'cancelled', 'attended', 'missed');--> statement-breakpoint
CREATE TYPE "public"."health_entry_kind" AS ENUM('result', 'vaccine', 'referral', 'done', 'declined');--> statement-breakpoint
CREATE TYPE "public"."health_need" AS ENUM('hcv_antibody_test', 'hcv_rna_test', 'hcv_treatment_referral', 'hcv_cure_check', 'hbv_test', 'hbv_referral', 'hbv_vaccination', 'hiv_test', 'hiv_referral', 'liver_function_tests', 'respiratory_check', 'spirometry', 'flu_vaccine', 'pneumococcal_vaccine', 'injecting_site_check', 'ecg', 'dental_check', 'nutrition_check', 'sexual_health_check', 'phq9_screen', 'gad7_screen', 'suicide_risk_review');--> statement-breakpoint
CREATE TYPE "public"."reminder_status" AS ENUM('pending', 'sent', 'cancelled', 'failed');--> statement-breakpoint
CREATE TABLE "booking" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"need" "health_need" NOT NULL,
	"status" "booking_status" DEFAULT 'booked' NOT NULL,
	"place" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_place_when_open" CHECK (("booking"."status" = 'booked') = ("booking"."place" is not null)),
	CONSTRAINT "booking_place_positive" CHECK ("booking"."place" is null or "booking"."place" >= 1)
);
--> statement-breakpoint
CREATE TABLE "booking_version" (
	"booking_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"need" "health_need" NOT NULL,
	"status" "booking_status" NOT NULL,
	"changed_by" uuid,
	"changed_by_kind" text NOT NULL,
	"reason" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_version_booking_id_version_pk" PRIMARY KEY("booking_id","version")
);
--> statement-breakpoint
CREATE TABLE "clinic" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"place" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clinic_session" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"clinic_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"checks" "health_need"[] NOT NULL,
	"staff_ids" uuid[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinic_session_times" CHECK ("clinic_session"."ends_at" > "clinic_session"."starts_at"),
	CONSTRAINT "clinic_session_checks" CHECK (cardinality("clinic_session"."checks") > 0 and cardinality("clinic_session"."staff_ids") > 0)
);
--> statement-breakpoint
CREATE TABLE "clinic_slot" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinic_slot_times" CHECK ("clinic_slot"."ends_at" > "clinic_slot"."starts_at"),
	CONSTRAINT "clinic_slot_capacity" CHECK ("clinic_slot"."capacity" between 1 and 50)
);
--> statement-breakpoint
CREATE TABLE "health_entry" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"need" "health_need" NOT NULL,
	"kind" "health_entry_kind" NOT NULL,
	"on" date NOT NULL,
	"result" text,
	"note" text,
	"booking_id" uuid,
	"status" "entry_status" DEFAULT 'active' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_entry_version" (
	"entry_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"need" "health_need" NOT NULL,
	"kind" "health_entry_kind" NOT NULL,
	"on" date NOT NULL,
	"result" text,
	"note" text,
	"status" "entry_status" NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_entry_version_entry_id_version_pk" PRIMARY KEY("entry_id","version")
);
--> statement-breakpoint
CREATE TABLE "reminder_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"booking_version" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"send_at" timestamp with time zone NOT NULL,
	"status" "reminder_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "booking" ADD CONSTRAINT "booking_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking" ADD CONSTRAINT "booking_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking" ADD CONSTRAINT "booking_slot_id_clinic_slot_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."clinic_slot"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_version" ADD CONSTRAINT "booking_version_booking_id_booking_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."booking"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_version" ADD CONSTRAINT "booking_version_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_version" ADD CONSTRAINT "booking_version_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_version" ADD CONSTRAINT "booking_version_slot_id_clinic_slot_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."clinic_slot"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_version" ADD CONSTRAINT "booking_version_changed_by_staff_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic" ADD CONSTRAINT "clinic_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic" ADD CONSTRAINT "clinic_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_session" ADD CONSTRAINT "clinic_session_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_session" ADD CONSTRAINT "clinic_session_clinic_id_clinic_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinic"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_session" ADD CONSTRAINT "clinic_session_created_by_staff_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_slot" ADD CONSTRAINT "clinic_slot_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_slot" ADD CONSTRAINT "clinic_slot_session_id_clinic_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."clinic_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_entry" ADD CONSTRAINT "health_entry_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_entry" ADD CONSTRAINT "health_entry_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_entry" ADD CONSTRAINT "health_entry_booking_id_booking_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."booking"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_entry" ADD CONSTRAINT "health_entry_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_entry_version" ADD CONSTRAINT "health_entry_version_entry_id_health_entry_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."health_entry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_entry_version" ADD CONSTRAINT "health_entry_version_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_entry_version" ADD CONSTRAINT "health_entry_version_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_entry_version" ADD CONSTRAINT "health_entry_version_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_booking_id_booking_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."booking"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "booking_one_per_place" ON "booking" USING btree ("slot_id","place") WHERE "booking"."status" = 'booked';--> statement-breakpoint
CREATE UNIQUE INDEX "booking_person_once_per_slot" ON "booking" USING btree ("slot_id","person_id") WHERE "booking"."status" = 'booked';--> statement-breakpoint
CREATE UNIQUE INDEX "booking_person_once_per_need" ON "booking" USING btree ("person_id","need") WHERE "booking"."status" = 'booked';--> statement-breakpoint
CREATE INDEX "booking_organisation_id_person_id_status_index" ON "booking" USING btree ("organisation_id","person_id","status");--> statement-breakpoint
CREATE INDEX "booking_version_organisation_id_index" ON "booking_version" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "clinic_organisation_id_name_index" ON "clinic" USING btree ("organisation_id","name");--> statement-breakpoint
CREATE INDEX "clinic_session_organisation_id_starts_at_index" ON "clinic_session" USING btree ("organisation_id","starts_at");--> statement-breakpoint
CREATE INDEX "clinic_slot_organisation_id_starts_at_index" ON "clinic_slot" USING btree ("organisation_id","starts_at");--> statement-breakpoint
CREATE INDEX "clinic_slot_session_id_index" ON "clinic_slot" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "health_entry_organisation_id_person_id_need_index" ON "health_entry" USING btree ("organisation_id","person_id","need");--> statement-breakpoint
CREATE INDEX "health_entry_version_organisation_id_index" ON "health_entry_version" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "reminder_outbox_due" ON "reminder_outbox" USING btree ("send_at") WHERE "reminder_outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "reminder_outbox_booking_id_index" ON "reminder_outbox" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "reminder_outbox_organisation_id_index" ON "reminder_outbox" USING btree ("organisation_id");
--> statement-breakpoint
-- hand-written below: keep when regenerating
-- Booking health checks (issue 11, docs/booking.md). Never two people in one place: an open booking holds a
-- numbered place in its slot; the unique index booking_one_per_place lets each place be held once, and this
-- trigger refuses a place above the slot's capacity (and a capacity lowered below a place still held). The
-- service also locks the slot row (SELECT … FOR UPDATE) while it checks and books, so concurrent attempts queue.
CREATE OR REPLACE FUNCTION harbour_booking_place_within_capacity() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
	cap integer;
BEGIN
	IF NEW.status = 'booked' THEN
		SELECT capacity INTO cap FROM clinic_slot WHERE id = NEW.slot_id;
		IF cap IS NULL OR NEW.place > cap THEN
			RAISE EXCEPTION 'that slot has no place %', NEW.place
				USING ERRCODE = '23514', HINT = 'A slot holds at most its capacity.';
		END IF;
	END IF;
	RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS booking_place_within_capacity ON booking;--> statement-breakpoint
CREATE TRIGGER booking_place_within_capacity BEFORE INSERT OR UPDATE ON booking
FOR EACH ROW EXECUTE FUNCTION harbour_booking_place_within_capacity();--> statement-breakpoint
CREATE OR REPLACE FUNCTION harbour_slot_capacity_holds_places() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	IF NEW.capacity < OLD.capacity AND EXISTS (
		SELECT 1 FROM booking b WHERE b.slot_id = NEW.id AND b.status = 'booked' AND b.place > NEW.capacity
	) THEN
		RAISE EXCEPTION 'a booked place is above the new capacity'
			USING ERRCODE = '23514', HINT = 'Move or cancel those bookings first.';
	END IF;
	RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS clinic_slot_capacity_holds_places ON clinic_slot;--> statement-breakpoint
CREATE TRIGGER clinic_slot_capacity_holds_places BEFORE UPDATE OF capacity ON clinic_slot
FOR EACH ROW EXECUTE FUNCTION harbour_slot_capacity_holds_places();--> statement-breakpoint
-- Versions are append-only, as the clinical record's are (migration 0006).
DROP TRIGGER IF EXISTS booking_version_append_only ON booking_version;--> statement-breakpoint
CREATE TRIGGER booking_version_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON booking_version
FOR EACH STATEMENT EXECUTE FUNCTION harbour_refuse_version_change();--> statement-breakpoint
DROP TRIGGER IF EXISTS health_entry_version_append_only ON health_entry_version;--> statement-breakpoint
CREATE TRIGGER health_entry_version_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON health_entry_version
FOR EACH STATEMENT EXECUTE FUNCTION harbour_refuse_version_change();--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON clinic, clinic_session, clinic_slot, booking, reminder_outbox, health_entry TO harbour_app;--> statement-breakpoint
GRANT SELECT, INSERT ON booking_version, health_entry_version TO harbour_app;--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON clinic, clinic_session, clinic_slot, booking, booking_version, reminder_outbox, health_entry, health_entry_version FROM harbour_app;--> statement-breakpoint
REVOKE UPDATE ON booking_version, health_entry_version FROM harbour_app;--> statement-breakpoint
DO $$
DECLARE
  tenant_table text;
BEGIN
  FOREACH tenant_table IN ARRAY ARRAY['clinic', 'clinic_session', 'clinic_slot', 'booking', 'booking_version',
    'reminder_outbox', 'health_entry', 'health_entry_version']
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
END $$;
