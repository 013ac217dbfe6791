CREATE TYPE "public"."consultation_response_channel" AS ENUM('online', 'email', 'post', 'imported');--> statement-breakpoint
CREATE TABLE "consultation_summaries" (
	"consultation_id" uuid PRIMARY KEY NOT NULL,
	"draft" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by_id" uuid,
	"published" jsonb,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD COLUMN "channel" "consultation_response_channel" DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD COLUMN "received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD COLUMN "original_file_id" uuid;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD COLUMN "entered_by_id" uuid;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD COLUMN "import_key" text;--> statement-breakpoint
ALTER TABLE "consultation_summaries" ADD CONSTRAINT "consultation_summaries_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_summaries" ADD CONSTRAINT "consultation_summaries_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_original_file_id_stored_files_id_fk" FOREIGN KEY ("original_file_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_entered_by_id_users_id_fk" FOREIGN KEY ("entered_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_responses_import_key_idx" ON "consultation_responses" USING btree ("consultation_id","import_key");--> statement-breakpoint
CREATE INDEX "consultation_responses_original_file_id_idx" ON "consultation_responses" USING btree ("original_file_id");--> statement-breakpoint
CREATE INDEX "consultation_responses_entered_by_id_idx" ON "consultation_responses" USING btree ("entered_by_id");