CREATE TYPE "public"."alert_frequency" AS ENUM('instant', 'weekly');--> statement-breakpoint
CREATE TYPE "public"."date_precision" AS ENUM('month', 'day');--> statement-breakpoint
CREATE TYPE "public"."interest_role" AS ENUM('prime', 'subcontractor', 'either');--> statement-breakpoint
CREATE TYPE "public"."pipeline_status" AS ENUM('planned', 'market_engagement', 'tender_published', 'evaluation', 'awarded', 'cancelled', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."procurement_route" AS ENUM('caehrs_call_off', 'test_and_learn_dps', 'open_procedure', 'competitive_flexible', 'framework_call_off', 'direct_award', 'grant');--> statement-breakpoint
CREATE TABLE "pipeline_contact_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_interest_id" uuid NOT NULL,
	"to_interest_id" uuid NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_interests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid,
	"role" "interest_role" NOT NULL,
	"seeking_partners" boolean DEFAULT false NOT NULL,
	"capabilities_offered" text[] DEFAULT '{}' NOT NULL,
	"capabilities_sought" text[] DEFAULT '{}' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_kpis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"target" text NOT NULL,
	"latest_value" text DEFAULT '' NOT NULL,
	"latest_period" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_lots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"value_min_pence" bigint NOT NULL,
	"value_max_pence" bigint NOT NULL,
	"contract_package_areas" text[] DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"description_json" jsonb,
	"description_html" text DEFAULT '' NOT NULL,
	"description_text" text DEFAULT '' NOT NULL,
	"programme" text DEFAULT '' NOT NULL,
	"buyer" text NOT NULL,
	"cpv_codes" text[] NOT NULL,
	"value_min_pence" bigint NOT NULL,
	"value_max_pence" bigint NOT NULL,
	"contract_months" integer,
	"extension_months" integer,
	"extension_note" text DEFAULT '' NOT NULL,
	"route" "procurement_route" NOT NULL,
	"regions" text[] DEFAULT '{}' NOT NULL,
	"suitable_for_sme" boolean DEFAULT false NOT NULL,
	"suitable_for_vcse" boolean DEFAULT false NOT NULL,
	"market_engagement_date" date,
	"market_engagement_precision" date_precision,
	"tender_notice_date" date,
	"tender_notice_precision" date_precision,
	"award_date" date,
	"award_precision" date_precision,
	"service_start_date" date,
	"service_start_precision" date_precision,
	"related_links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "pipeline_status" DEFAULT 'planned' NOT NULL,
	"published_at" timestamp with time zone,
	"last_updated_at" timestamp with time zone,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" text NOT NULL,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"snapshot" jsonb NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_saved_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"frequency" "alert_frequency" DEFAULT 'instant' NOT NULL,
	"last_digest_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pipeline_contact_requests" ADD CONSTRAINT "pipeline_contact_requests_from_interest_id_pipeline_interests_id_fk" FOREIGN KEY ("from_interest_id") REFERENCES "public"."pipeline_interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_contact_requests" ADD CONSTRAINT "pipeline_contact_requests_to_interest_id_pipeline_interests_id_fk" FOREIGN KEY ("to_interest_id") REFERENCES "public"."pipeline_interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_interests" ADD CONSTRAINT "pipeline_interests_notice_id_pipeline_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."pipeline_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_interests" ADD CONSTRAINT "pipeline_interests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_interests" ADD CONSTRAINT "pipeline_interests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_kpis" ADD CONSTRAINT "pipeline_kpis_notice_id_pipeline_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."pipeline_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_lots" ADD CONSTRAINT "pipeline_lots_notice_id_pipeline_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."pipeline_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_notices" ADD CONSTRAINT "pipeline_notices_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_revisions" ADD CONSTRAINT "pipeline_revisions_notice_id_pipeline_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."pipeline_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_revisions" ADD CONSTRAINT "pipeline_revisions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_saved_searches" ADD CONSTRAINT "pipeline_saved_searches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_contact_requests_pair_idx" ON "pipeline_contact_requests" USING btree ("from_interest_id","to_interest_id");--> statement-breakpoint
CREATE INDEX "pipeline_contact_requests_to_idx" ON "pipeline_contact_requests" USING btree ("to_interest_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_interests_notice_organisation_idx" ON "pipeline_interests" USING btree ("notice_id","organisation_id");--> statement-breakpoint
CREATE INDEX "pipeline_interests_organisation_id_idx" ON "pipeline_interests" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "pipeline_interests_user_id_idx" ON "pipeline_interests" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_kpis_notice_position_idx" ON "pipeline_kpis" USING btree ("notice_id","position");--> statement-breakpoint
CREATE INDEX "pipeline_lots_notice_id_idx" ON "pipeline_lots" USING btree ("notice_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_notices_slug_idx" ON "pipeline_notices" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_notices_reference_idx" ON "pipeline_notices" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "pipeline_notices_status_idx" ON "pipeline_notices" USING btree ("status");--> statement-breakpoint
CREATE INDEX "pipeline_notices_route_idx" ON "pipeline_notices" USING btree ("route");--> statement-breakpoint
CREATE INDEX "pipeline_notices_published_at_idx" ON "pipeline_notices" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "pipeline_notices_service_start_idx" ON "pipeline_notices" USING btree ("service_start_date");--> statement-breakpoint
CREATE INDEX "pipeline_notices_created_by_id_idx" ON "pipeline_notices" USING btree ("created_by_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_revisions_notice_number_idx" ON "pipeline_revisions" USING btree ("notice_id","number");--> statement-breakpoint
CREATE INDEX "pipeline_revisions_created_at_idx" ON "pipeline_revisions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "pipeline_revisions_actor_id_idx" ON "pipeline_revisions" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "pipeline_saved_searches_user_id_idx" ON "pipeline_saved_searches" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "pipeline_saved_searches_frequency_idx" ON "pipeline_saved_searches" USING btree ("frequency");