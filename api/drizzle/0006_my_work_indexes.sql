CREATE INDEX "cases_created_by" ON "cases" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "events_case_at" ON "events" USING btree ("case_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "events_org_at" ON "events" USING btree ("org_id","at" DESC NULLS LAST,"id" DESC NULLS LAST);