ALTER TABLE "team" ADD COLUMN "duty" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "task" ADD COLUMN "contact_request_id" uuid;--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_contact_request_id_contact_request_id_fk" FOREIGN KEY ("contact_request_id") REFERENCES "public"."contact_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "team_one_duty_team" ON "team" USING btree ("organisation_id") WHERE "team"."duty";--> statement-breakpoint
ALTER TABLE "task" ADD CONSTRAINT "task_contact_request_named" CHECK (("task"."contact_request_id" is not null) = ("task"."kind" = 'contact_request'));
