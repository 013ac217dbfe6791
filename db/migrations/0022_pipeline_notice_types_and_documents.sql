CREATE TYPE "public"."pipeline_notice_type" AS ENUM('pipeline', 'preliminary_market_engagement', 'planned_procurement', 'contract_award');--> statement-breakpoint
CREATE TABLE "pipeline_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pipeline_notices" ADD COLUMN "notice_type" "pipeline_notice_type" DEFAULT 'pipeline' NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_notices" ADD COLUMN "engagement_details" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_notices" ADD COLUMN "engagement_deadline" date;--> statement-breakpoint
ALTER TABLE "pipeline_notices" ADD COLUMN "contact_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_notices" ADD COLUMN "contact_email" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_notices" ADD COLUMN "contact_phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_notices" ADD COLUMN "edit_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_documents" ADD CONSTRAINT "pipeline_documents_notice_id_pipeline_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."pipeline_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_documents" ADD CONSTRAINT "pipeline_documents_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pipeline_documents_notice_id_idx" ON "pipeline_documents" USING btree ("notice_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_documents_file_id_idx" ON "pipeline_documents" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "stored_files_uploaded_by_id_idx" ON "stored_files" USING btree ("uploaded_by_id");