DROP INDEX "cases_officer_status";--> statement-breakpoint
CREATE INDEX "cases_diary_opened" ON "cases" USING btree ("diary_id","opened_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cases_officer_opened" ON "cases" USING btree ("officer_id","opened_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "documents_org_registered" ON "documents" USING btree ("org_id","registered_at" DESC NULLS LAST,"id" DESC NULLS LAST);