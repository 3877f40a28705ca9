CREATE TABLE "channel_tabs" (
	"org_id" uuid NOT NULL,
	"team_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"case_id" uuid NOT NULL,
	"bound_by" uuid NOT NULL,
	"bound_at" timestamp with time zone NOT NULL,
	CONSTRAINT "channel_tabs_org_id_team_id_channel_id_pk" PRIMARY KEY("org_id","team_id","channel_id")
);
--> statement-breakpoint
ALTER TABLE "channel_tabs" ADD CONSTRAINT "channel_tabs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_tabs" ADD CONSTRAINT "channel_tabs_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_tabs" ADD CONSTRAINT "channel_tabs_bound_by_users_id_fk" FOREIGN KEY ("bound_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_tabs_case" ON "channel_tabs" USING btree ("case_id");