CREATE TYPE "public"."case_study_report_status" AS ENUM('open', 'hidden', 'dismissed');--> statement-breakpoint
CREATE TYPE "public"."case_study_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."evidence_method" AS ENUM('self_reported', 'management_information', 'independent_evaluation', 'comparison_study');--> statement-breakpoint
CREATE TABLE "case_studies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"author_id" uuid,
	"status" "case_study_status" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"story_json" jsonb NOT NULL,
	"story_html" text NOT NULL,
	"story_text" text NOT NULL,
	"claimant_groups" text[] DEFAULT '{}' NOT NULL,
	"journey_stages" text[] DEFAULT '{}' NOT NULL,
	"intervention_types" text[] DEFAULT '{}' NOT NULL,
	"regions" text[] DEFAULT '{}' NOT NULL,
	"programme" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"cohort_size" integer NOT NULL,
	"evidence_method" "evidence_method" NOT NULL,
	"published_at" timestamp with time zone,
	"last_edited_at" timestamp with time zone,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"verified_at" timestamp with time zone,
	"verified_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_studies_period_check" CHECK ("case_studies"."period_from" <= "case_studies"."period_to"),
	CONSTRAINT "case_studies_cohort_size_check" CHECK ("case_studies"."cohort_size" >= 0)
);
--> statement-breakpoint
CREATE TABLE "case_study_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_study_id" uuid NOT NULL,
	"author_id" uuid,
	"parent_id" uuid,
	"quoted_comment_id" uuid,
	"quote_text" text,
	"body" text NOT NULL,
	"edited_at" timestamp with time zone,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_study_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_study_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"measure" text NOT NULL,
	"target" integer,
	"achieved" integer NOT NULL,
	CONSTRAINT "case_study_outcomes_numbers_check" CHECK ("case_study_outcomes"."achieved" >= 0 and ("case_study_outcomes"."target" is null or "case_study_outcomes"."target" >= 0))
);
--> statement-breakpoint
CREATE TABLE "case_study_ratings" (
	"case_study_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_study_ratings_case_study_id_user_id_pk" PRIMARY KEY("case_study_id","user_id"),
	CONSTRAINT "case_study_ratings_score_check" CHECK ("case_study_ratings"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "case_study_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_study_id" uuid NOT NULL,
	"comment_id" uuid,
	"reporter_id" uuid,
	"reason" text NOT NULL,
	"status" "case_study_report_status" DEFAULT 'open' NOT NULL,
	"resolved_by_id" uuid,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_study_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_study_id" uuid NOT NULL,
	"editor_id" uuid,
	"changed_fields" text[] NOT NULL,
	"before" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_study_validations" (
	"case_study_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_study_validations_case_study_id_user_id_pk" PRIMARY KEY("case_study_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "case_studies" ADD CONSTRAINT "case_studies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_studies" ADD CONSTRAINT "case_studies_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_studies" ADD CONSTRAINT "case_studies_verified_by_id_users_id_fk" FOREIGN KEY ("verified_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_comments" ADD CONSTRAINT "case_study_comments_case_study_id_case_studies_id_fk" FOREIGN KEY ("case_study_id") REFERENCES "public"."case_studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_comments" ADD CONSTRAINT "case_study_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_comments" ADD CONSTRAINT "case_study_comments_parent_id_case_study_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."case_study_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_comments" ADD CONSTRAINT "case_study_comments_quoted_comment_id_case_study_comments_id_fk" FOREIGN KEY ("quoted_comment_id") REFERENCES "public"."case_study_comments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_outcomes" ADD CONSTRAINT "case_study_outcomes_case_study_id_case_studies_id_fk" FOREIGN KEY ("case_study_id") REFERENCES "public"."case_studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_ratings" ADD CONSTRAINT "case_study_ratings_case_study_id_case_studies_id_fk" FOREIGN KEY ("case_study_id") REFERENCES "public"."case_studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_ratings" ADD CONSTRAINT "case_study_ratings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_reports" ADD CONSTRAINT "case_study_reports_case_study_id_case_studies_id_fk" FOREIGN KEY ("case_study_id") REFERENCES "public"."case_studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_reports" ADD CONSTRAINT "case_study_reports_comment_id_case_study_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."case_study_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_reports" ADD CONSTRAINT "case_study_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_reports" ADD CONSTRAINT "case_study_reports_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_revisions" ADD CONSTRAINT "case_study_revisions_case_study_id_case_studies_id_fk" FOREIGN KEY ("case_study_id") REFERENCES "public"."case_studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_revisions" ADD CONSTRAINT "case_study_revisions_editor_id_users_id_fk" FOREIGN KEY ("editor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_validations" ADD CONSTRAINT "case_study_validations_case_study_id_case_studies_id_fk" FOREIGN KEY ("case_study_id") REFERENCES "public"."case_studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_validations" ADD CONSTRAINT "case_study_validations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_study_validations" ADD CONSTRAINT "case_study_validations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_studies_slug_idx" ON "case_studies" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "case_studies_organisation_id_idx" ON "case_studies" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "case_studies_author_id_idx" ON "case_studies" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "case_studies_verified_by_id_idx" ON "case_studies" USING btree ("verified_by_id");--> statement-breakpoint
CREATE INDEX "case_studies_status_idx" ON "case_studies" USING btree ("status","hidden_at");--> statement-breakpoint
CREATE INDEX "case_studies_published_at_idx" ON "case_studies" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "case_studies_claimant_groups_idx" ON "case_studies" USING gin ("claimant_groups");--> statement-breakpoint
CREATE INDEX "case_studies_journey_stages_idx" ON "case_studies" USING gin ("journey_stages");--> statement-breakpoint
CREATE INDEX "case_studies_intervention_types_idx" ON "case_studies" USING gin ("intervention_types");--> statement-breakpoint
CREATE INDEX "case_studies_regions_idx" ON "case_studies" USING gin ("regions");--> statement-breakpoint
CREATE INDEX "case_studies_evidence_method_idx" ON "case_studies" USING btree ("evidence_method");--> statement-breakpoint
CREATE INDEX "case_study_comments_case_study_id_idx" ON "case_study_comments" USING btree ("case_study_id","created_at");--> statement-breakpoint
CREATE INDEX "case_study_comments_author_id_idx" ON "case_study_comments" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "case_study_comments_parent_id_idx" ON "case_study_comments" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "case_study_comments_quoted_comment_id_idx" ON "case_study_comments" USING btree ("quoted_comment_id");--> statement-breakpoint
CREATE INDEX "case_study_outcomes_case_study_id_idx" ON "case_study_outcomes" USING btree ("case_study_id","position");--> statement-breakpoint
CREATE INDEX "case_study_ratings_user_id_idx" ON "case_study_ratings" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "case_study_reports_case_study_id_idx" ON "case_study_reports" USING btree ("case_study_id");--> statement-breakpoint
CREATE INDEX "case_study_reports_comment_id_idx" ON "case_study_reports" USING btree ("comment_id");--> statement-breakpoint
CREATE INDEX "case_study_reports_reporter_id_idx" ON "case_study_reports" USING btree ("reporter_id");--> statement-breakpoint
CREATE INDEX "case_study_reports_resolved_by_id_idx" ON "case_study_reports" USING btree ("resolved_by_id");--> statement-breakpoint
CREATE INDEX "case_study_reports_status_idx" ON "case_study_reports" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "case_study_revisions_case_study_id_idx" ON "case_study_revisions" USING btree ("case_study_id","created_at");--> statement-breakpoint
CREATE INDEX "case_study_revisions_editor_id_idx" ON "case_study_revisions" USING btree ("editor_id");--> statement-breakpoint
CREATE INDEX "case_study_validations_user_id_idx" ON "case_study_validations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "case_study_validations_organisation_id_idx" ON "case_study_validations" USING btree ("organisation_id");