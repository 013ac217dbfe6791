CREATE TABLE "pipeline_event_places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"online_url" text DEFAULT '' NOT NULL,
	"capacity" integer NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"cancelled_at" timestamp with time zone,
	"edit_version" integer DEFAULT 0 NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"asked_by_id" uuid,
	"question" text NOT NULL,
	"published_question" text DEFAULT '' NOT NULL,
	"answer" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone,
	"answered_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mail_deliveries" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_contact_requests" ADD COLUMN "declined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pipeline_interests" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_event_places" ADD CONSTRAINT "pipeline_event_places_event_id_pipeline_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."pipeline_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_event_places" ADD CONSTRAINT "pipeline_event_places_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_event_places" ADD CONSTRAINT "pipeline_event_places_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_events" ADD CONSTRAINT "pipeline_events_notice_id_pipeline_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."pipeline_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_questions" ADD CONSTRAINT "pipeline_questions_notice_id_pipeline_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."pipeline_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_questions" ADD CONSTRAINT "pipeline_questions_asked_by_id_users_id_fk" FOREIGN KEY ("asked_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_questions" ADD CONSTRAINT "pipeline_questions_answered_by_id_users_id_fk" FOREIGN KEY ("answered_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_event_places_event_organisation_idx" ON "pipeline_event_places" USING btree ("event_id","organisation_id");--> statement-breakpoint
CREATE INDEX "pipeline_event_places_user_id_idx" ON "pipeline_event_places" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "pipeline_events_notice_id_idx" ON "pipeline_events" USING btree ("notice_id","starts_at");--> statement-breakpoint
CREATE INDEX "pipeline_events_starts_at_idx" ON "pipeline_events" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "pipeline_questions_notice_id_idx" ON "pipeline_questions" USING btree ("notice_id","published_at");--> statement-breakpoint
CREATE INDEX "pipeline_questions_asked_by_id_idx" ON "pipeline_questions" USING btree ("asked_by_id");--> statement-breakpoint
CREATE INDEX "pipeline_questions_answered_by_id_idx" ON "pipeline_questions" USING btree ("answered_by_id");