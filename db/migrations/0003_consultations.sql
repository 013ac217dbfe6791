CREATE TYPE "public"."consultation_request_kind" AS ENUM('process_feedback', 'accessible_format');--> statement-breakpoint
CREATE TYPE "public"."consultation_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."publishing_consent" AS ENUM('named', 'anonymous', 'none');--> statement-breakpoint
CREATE TYPE "public"."respondent_type" AS ENUM('individual', 'organisation');--> statement-breakpoint
CREATE TYPE "public"."consultation_response_status" AS ENUM('draft', 'submitted', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."question_type" AS ENUM('long_text', 'short_text', 'single_choice', 'multiple_choice', 'agree_scale', 'rating');--> statement-breakpoint
CREATE TABLE "consultation_extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"previous_closes_at" timestamp with time zone NOT NULL,
	"new_closes_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_outcome_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"you_said" text DEFAULT '' NOT NULL,
	"we_did" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"kind" "consultation_request_kind" NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"format" text,
	"message" text NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"status" "consultation_response_status" DEFAULT 'draft' NOT NULL,
	"respondent_type" "respondent_type" NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"organisation_id" uuid,
	"organisation_name" text,
	"represents" text,
	"how_views_assembled" text,
	"publishing_consent" "publishing_consent" DEFAULT 'none' NOT NULL,
	"confidential" boolean DEFAULT false NOT NULL,
	"confidential_reason" text,
	"resume_token_hash" text,
	"submitted_at" timestamp with time zone,
	"submitted_by_id" uuid,
	"amended_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"status" "consultation_status" DEFAULT 'draft' NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"pages" jsonb NOT NULL,
	"pages_text" text DEFAULT '' NOT NULL,
	"nations" text[] DEFAULT '{}' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"contact_address" text DEFAULT '' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"outcome_intro" text DEFAULT '' NOT NULL,
	"outcome_published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "answer_themes" (
	"submission_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "answer_themes_submission_id_question_id_theme_id_pk" PRIMARY KEY("submission_id","question_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "question_themes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questionnaire_answers" (
	"submission_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"text" text,
	"choices" text[] DEFAULT '{}' NOT NULL,
	"other_text" text,
	"confidential" boolean DEFAULT false NOT NULL,
	"confidential_reason" text,
	"changed_by_id" uuid,
	"changed_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questionnaire_answers_submission_id_question_id_pk" PRIMARY KEY("submission_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "questionnaire_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"section_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"type" "question_type" NOT NULL,
	"text" text NOT NULL,
	"hint" text DEFAULT '' NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"allow_other" boolean DEFAULT false NOT NULL,
	"max_words" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questionnaire_sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questionnaire_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"last_changed_by_id" uuid,
	"last_changed_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questionnaires" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"locked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_extensions" ADD CONSTRAINT "consultation_extensions_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_extensions" ADD CONSTRAINT "consultation_extensions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_outcome_answers" ADD CONSTRAINT "consultation_outcome_answers_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_outcome_answers" ADD CONSTRAINT "consultation_outcome_answers_question_id_questionnaire_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questionnaire_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_requests" ADD CONSTRAINT "consultation_requests_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_requests" ADD CONSTRAINT "consultation_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_submission_id_questionnaire_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."questionnaire_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_themes" ADD CONSTRAINT "answer_themes_submission_id_questionnaire_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."questionnaire_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_themes" ADD CONSTRAINT "answer_themes_question_id_questionnaire_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questionnaire_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_themes" ADD CONSTRAINT "answer_themes_theme_id_question_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."question_themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_themes" ADD CONSTRAINT "question_themes_question_id_questionnaire_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questionnaire_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_answers" ADD CONSTRAINT "questionnaire_answers_submission_id_questionnaire_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."questionnaire_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_answers" ADD CONSTRAINT "questionnaire_answers_question_id_questionnaire_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questionnaire_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_answers" ADD CONSTRAINT "questionnaire_answers_changed_by_id_users_id_fk" FOREIGN KEY ("changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_questions" ADD CONSTRAINT "questionnaire_questions_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_questions" ADD CONSTRAINT "questionnaire_questions_section_id_questionnaire_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."questionnaire_sections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_sections" ADD CONSTRAINT "questionnaire_sections_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_submissions" ADD CONSTRAINT "questionnaire_submissions_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_submissions" ADD CONSTRAINT "questionnaire_submissions_last_changed_by_id_users_id_fk" FOREIGN KEY ("last_changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_extensions_consultation_id_idx" ON "consultation_extensions" USING btree ("consultation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_outcome_answers_question_idx" ON "consultation_outcome_answers" USING btree ("consultation_id","question_id");--> statement-breakpoint
CREATE INDEX "consultation_requests_consultation_id_idx" ON "consultation_requests" USING btree ("consultation_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_responses_reference_idx" ON "consultation_responses" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_responses_submission_id_idx" ON "consultation_responses" USING btree ("submission_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_responses_resume_token_idx" ON "consultation_responses" USING btree ("resume_token_hash");--> statement-breakpoint
CREATE INDEX "consultation_responses_consultation_status_idx" ON "consultation_responses" USING btree ("consultation_id","status");--> statement-breakpoint
CREATE INDEX "consultation_responses_user_id_idx" ON "consultation_responses" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "consultation_responses_organisation_id_idx" ON "consultation_responses" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_responses_one_per_organisation_idx" ON "consultation_responses" USING btree ("consultation_id","organisation_id") WHERE organisation_id is not null and status <> 'withdrawn';--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_slug_idx" ON "consultations" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_questionnaire_id_idx" ON "consultations" USING btree ("questionnaire_id");--> statement-breakpoint
CREATE INDEX "consultations_status_closes_idx" ON "consultations" USING btree ("status","closes_at");--> statement-breakpoint
CREATE INDEX "answer_themes_theme_id_idx" ON "answer_themes" USING btree ("theme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "question_themes_question_name_idx" ON "question_themes" USING btree ("question_id","name");--> statement-breakpoint
CREATE INDEX "questionnaire_answers_question_id_idx" ON "questionnaire_answers" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "questionnaire_questions_questionnaire_id_idx" ON "questionnaire_questions" USING btree ("questionnaire_id");--> statement-breakpoint
CREATE INDEX "questionnaire_questions_section_id_idx" ON "questionnaire_questions" USING btree ("section_id","position");--> statement-breakpoint
CREATE INDEX "questionnaire_sections_questionnaire_id_idx" ON "questionnaire_sections" USING btree ("questionnaire_id","position");--> statement-breakpoint
CREATE INDEX "questionnaire_submissions_questionnaire_id_idx" ON "questionnaire_submissions" USING btree ("questionnaire_id");