ALTER TABLE "ost_plan_version" ADD COLUMN "reduction" jsonb;--> statement-breakpoint
ALTER TABLE "ost_plan_version" ADD COLUMN "reduction_signed_off_by" uuid;--> statement-breakpoint
ALTER TABLE "ost_plan_version" ADD COLUMN "reduction_reported" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ost_plan_version" ADD CONSTRAINT "ost_plan_version_reduction_signed_off_by_staff_id_fk" FOREIGN KEY ("reduction_signed_off_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ost_plan_version_organisation_id_written_at_index" ON "ost_plan_version" USING btree ("organisation_id","written_at") WHERE "ost_plan_version"."reduction_reported";
