CREATE TYPE "public"."job_status" AS ENUM('pending', 'done', 'failed');--> statement-breakpoint
CREATE TYPE "public"."outgoing_mail_status" AS ENUM('waiting', 'registered', 'failed');--> statement-breakpoint
CREATE TABLE "document_mail" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"internet_message_id" text NOT NULL,
	"conversation_id" text,
	"mailbox" text,
	"item_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"key" text,
	"payload" jsonb NOT NULL,
	"status" "job_status" DEFAULT 'pending' NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outgoing_mail_ties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"tied_by" uuid NOT NULL,
	"mailbox" text NOT NULL,
	"internet_message_id" text NOT NULL,
	"title" text,
	"public_title" text,
	"confidentiality" jsonb,
	"status" "outgoing_mail_status" DEFAULT 'waiting' NOT NULL,
	"document_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_mail" ADD CONSTRAINT "document_mail_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_mail" ADD CONSTRAINT "document_mail_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_mail_ties" ADD CONSTRAINT "outgoing_mail_ties_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_mail_ties" ADD CONSTRAINT "outgoing_mail_ties_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_mail_ties" ADD CONSTRAINT "outgoing_mail_ties_tied_by_users_id_fk" FOREIGN KEY ("tied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_mail_ties" ADD CONSTRAINT "outgoing_mail_ties_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_mail_org_message" ON "document_mail" USING btree ("org_id","internet_message_id");--> statement-breakpoint
CREATE INDEX "document_mail_org_conversation" ON "document_mail" USING btree ("org_id","conversation_id");--> statement-breakpoint
CREATE INDEX "jobs_due" ON "jobs" USING btree ("run_at","id") WHERE "jobs"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_pending_key" ON "jobs" USING btree ("kind","key") WHERE "jobs"."status" = 'pending' and "jobs"."key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "outgoing_mail_ties_case_message" ON "outgoing_mail_ties" USING btree ("case_id","internet_message_id");