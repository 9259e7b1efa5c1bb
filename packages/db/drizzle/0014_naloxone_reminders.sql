CREATE UNIQUE INDEX "task_naloxone_expiry_once_per_kit" ON "task" USING btree ("source_event_id") WHERE "task"."rule_id" = 'TSK-NALOXONE-EXPIRY';
