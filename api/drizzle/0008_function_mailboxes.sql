CREATE TYPE "public"."queue_item_status" AS ENUM('waiting', 'registered', 'set_aside');--> statement-breakpoint
CREATE TYPE "public"."set_aside_reason" AS ENUM('unimportant', 'not_official', 'spam', 'answered');--> statement-breakpoint
CREATE TABLE "function_mailboxes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"address" text NOT NULL,
	"display_name" text NOT NULL,
	"unit_id" uuid,
	"default_diary_id" uuid,
	"default_queue_id" uuid NOT NULL,
	"deadline_working_days" integer DEFAULT 2 NOT NULL,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"handled_folder" text,
	"sync_cursor" text,
	"synced_at" timestamp with time zone,
	"sync_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "graph_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"client_state" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_item_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"detail" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"mailbox_id" uuid NOT NULL,
	"queue_id" uuid NOT NULL,
	"internet_message_id" text NOT NULL,
	"source_id" text NOT NULL,
	"subject" text NOT NULL,
	"from_address" text,
	"from_name" text,
	"body_preview" text DEFAULT '' NOT NULL,
	"has_attachments" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"warn_at" timestamp with time zone NOT NULL,
	"warned_at" timestamp with time zone,
	"status" "queue_item_status" DEFAULT 'waiting' NOT NULL,
	"assignee_id" uuid,
	"suggested_case_id" uuid,
	"rule_id" uuid,
	"rule_name" text,
	"unimportant" boolean DEFAULT false NOT NULL,
	"set_aside_reason" "set_aside_reason",
	"document_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_members" (
	"queue_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "queue_members_queue_id_user_id_pk" PRIMARY KEY("queue_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "queues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "function_mailboxes" ADD CONSTRAINT "function_mailboxes_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "function_mailboxes" ADD CONSTRAINT "function_mailboxes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "function_mailboxes" ADD CONSTRAINT "function_mailboxes_default_diary_id_diaries_id_fk" FOREIGN KEY ("default_diary_id") REFERENCES "public"."diaries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "function_mailboxes" ADD CONSTRAINT "function_mailboxes_default_queue_id_queues_id_fk" FOREIGN KEY ("default_queue_id") REFERENCES "public"."queues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_subscriptions" ADD CONSTRAINT "graph_subscriptions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_subscriptions" ADD CONSTRAINT "graph_subscriptions_mailbox_id_function_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."function_mailboxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_item_events" ADD CONSTRAINT "queue_item_events_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_item_events" ADD CONSTRAINT "queue_item_events_item_id_queue_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."queue_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_item_events" ADD CONSTRAINT "queue_item_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_mailbox_id_function_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."function_mailboxes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_suggested_case_id_cases_id_fk" FOREIGN KEY ("suggested_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_items" ADD CONSTRAINT "queue_items_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_members" ADD CONSTRAINT "queue_members_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_members" ADD CONSTRAINT "queue_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queues" ADD CONSTRAINT "queues_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queues" ADD CONSTRAINT "queues_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "function_mailboxes_org_address" ON "function_mailboxes" USING btree ("org_id","address");--> statement-breakpoint
CREATE INDEX "graph_subscriptions_mailbox" ON "graph_subscriptions" USING btree ("mailbox_id");--> statement-breakpoint
CREATE INDEX "queue_item_events_item" ON "queue_item_events" USING btree ("item_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_items_mailbox_message" ON "queue_items" USING btree ("mailbox_id","internet_message_id");--> statement-breakpoint
CREATE INDEX "queue_items_queue_status" ON "queue_items" USING btree ("queue_id","status","received_at");--> statement-breakpoint
CREATE INDEX "queue_items_assignee" ON "queue_items" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "queue_items_warn" ON "queue_items" USING btree ("warn_at") WHERE status = 'waiting' and warned_at is null;--> statement-breakpoint
CREATE INDEX "queue_members_user" ON "queue_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "queues_org_name" ON "queues" USING btree ("org_id","name");--> statement-breakpoint
-- What was done with a mailbox's messages is history too: append-only, like the register's.
CREATE TRIGGER queue_item_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON queue_item_events
  FOR EACH ROW EXECUTE FUNCTION diarium_refuse_history_change();
--> statement-breakpoint
CREATE TRIGGER queue_item_events_no_truncate
  BEFORE TRUNCATE ON queue_item_events
  FOR EACH STATEMENT EXECUTE FUNCTION diarium_refuse_history_change();
