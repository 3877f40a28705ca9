CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('open', 'closed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."direction" AS ENUM('incoming', 'internal', 'outgoing');--> statement-breakpoint
CREATE TYPE "public"."document_kind" AS ENUM('mail', 'letter', 'decision', 'attachment', 'other');--> statement-breakpoint
CREATE TYPE "public"."document_source" AS ENUM('upload', 'mail', 'sharepoint', 'api');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('registrar', 'officer', 'reader', 'admin');--> statement-breakpoint
CREATE TABLE "case_grants" (
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"granted_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_grants_case_id_user_id_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "case_number_series" (
	"diary_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_sequence" integer NOT NULL,
	CONSTRAINT "case_number_series_diary_id_year_pk" PRIMARY KEY("diary_id","year")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"diary_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"case_number" text NOT NULL,
	"title" text NOT NULL,
	"public_title" text NOT NULL,
	"classification" text,
	"case_type" text,
	"status" "case_status" DEFAULT 'open' NOT NULL,
	"officer_id" uuid,
	"unit_id" uuid,
	"counterparties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"confidentiality" jsonb,
	"confidential" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"decision_summary" text,
	"last_document_number" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_full" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('swedish', title), 'A') || setweight(to_tsvector('swedish', public_title), 'B') || setweight(to_tsvector('swedish', counterparties), 'C')) STORED NOT NULL,
	"search_public" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('swedish', public_title), 'A')) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "diaries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"prefix" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "diary_roles" (
	"user_id" uuid NOT NULL,
	"diary_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "diary_roles_user_id_diary_id_role_pk" PRIMARY KEY("user_id","diary_id","role")
);
--> statement-breakpoint
CREATE TABLE "document_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"main" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"document_number" text NOT NULL,
	"direction" "direction" NOT NULL,
	"kind" "document_kind" NOT NULL,
	"title" text NOT NULL,
	"public_title" text NOT NULL,
	"document_date" date NOT NULL,
	"received_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"counterparty" jsonb,
	"confidentiality" jsonb,
	"confidential" boolean DEFAULT false NOT NULL,
	"source" "document_source" NOT NULL,
	"source_ref" text,
	"body_text" text,
	"registered_by" uuid NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_full" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('swedish', title), 'A') || setweight(to_tsvector('swedish', public_title), 'B') || setweight(to_tsvector('swedish', coalesce(counterparty, '{}'::jsonb)), 'C') || setweight(to_tsvector('swedish', left(coalesce(body_text, ''), 100000)), 'D')) STORED NOT NULL,
	"search_public" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('swedish', public_title), 'A')) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"case_id" uuid,
	"document_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"outcome" text NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"tenant_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_tenant_id_unique" UNIQUE("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"object_id" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"unit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_grants" ADD CONSTRAINT "case_grants_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_grants" ADD CONSTRAINT "case_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_grants" ADD CONSTRAINT "case_grants_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_number_series" ADD CONSTRAINT "case_number_series_diary_id_diaries_id_fk" FOREIGN KEY ("diary_id") REFERENCES "public"."diaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_diary_id_diaries_id_fk" FOREIGN KEY ("diary_id") REFERENCES "public"."diaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diaries" ADD CONSTRAINT "diaries_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diary_roles" ADD CONSTRAINT "diary_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diary_roles" ADD CONSTRAINT "diary_roles_diary_id_diaries_id_fk" FOREIGN KEY ("diary_id") REFERENCES "public"."diaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_grants_user" ON "case_grants" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number" ON "cases" USING btree ("diary_id","year","sequence");--> statement-breakpoint
CREATE INDEX "cases_org_opened" ON "cases" USING btree ("org_id","opened_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "cases_officer_status" ON "cases" USING btree ("officer_id","status");--> statement-breakpoint
CREATE INDEX "cases_sequence" ON "cases" USING btree ("sequence");--> statement-breakpoint
CREATE INDEX "cases_search_full" ON "cases" USING gin ("search_full");--> statement-breakpoint
CREATE INDEX "cases_search_public" ON "cases" USING gin ("search_public");--> statement-breakpoint
CREATE INDEX "cases_title_trgm" ON "cases" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cases_public_title_trgm" ON "cases" USING gin ("public_title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cases_number_trgm" ON "cases" USING gin ("case_number" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "diaries_org_prefix" ON "diaries" USING btree ("org_id","prefix");--> statement-breakpoint
CREATE INDEX "diary_roles_diary" ON "diary_roles" USING btree ("diary_id","role");--> statement-breakpoint
CREATE INDEX "document_files_document" ON "document_files" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_case_number" ON "documents" USING btree ("case_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_source_ref" ON "documents" USING btree ("case_id","source","source_ref") WHERE "documents"."source_ref" is not null;--> statement-breakpoint
CREATE INDEX "documents_org_source_ref" ON "documents" USING btree ("org_id","source","source_ref");--> statement-breakpoint
CREATE INDEX "documents_search_full" ON "documents" USING gin ("search_full");--> statement-breakpoint
CREATE INDEX "documents_search_public" ON "documents" USING gin ("search_public");--> statement-breakpoint
CREATE INDEX "events_case" ON "events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "events_actor" ON "events" USING btree ("actor_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "units_org_name" ON "units" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "users_org_object" ON "users" USING btree ("org_id","object_id");--> statement-breakpoint
CREATE INDEX "users_org_email" ON "users" USING btree ("org_id","email");