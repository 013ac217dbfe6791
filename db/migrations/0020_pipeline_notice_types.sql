CREATE TYPE "public"."pipeline_notice_type" AS ENUM('pipeline', 'preliminary_market_engagement', 'planned_procurement', 'contract_award');--> statement-breakpoint
ALTER TABLE "pipeline_notices" ADD COLUMN "notice_type" "pipeline_notice_type" DEFAULT 'pipeline' NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_notices" ADD COLUMN "engagement_details" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_notices" ADD COLUMN "engagement_deadline" date;--> statement-breakpoint
ALTER TABLE "pipeline_notices" ADD COLUMN "contact_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_notices" ADD COLUMN "contact_email" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_notices" ADD COLUMN "contact_phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_notices" ADD COLUMN "edit_version" integer DEFAULT 0 NOT NULL;