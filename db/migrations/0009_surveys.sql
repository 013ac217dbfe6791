CREATE TYPE "public"."survey_audience" AS ENUM('members', 'invited_organisations');--> statement-breakpoint
CREATE TYPE "public"."survey_participation_status" AS ENUM('draft', 'submitted');--> statement-breakpoint
CREATE TYPE "public"."survey_respond_as" AS ENUM('organisation', 'person');--> statement-breakpoint
ALTER TYPE "public"."question_type" ADD VALUE 'ranking';--> statement-breakpoint
CREATE TABLE "survey_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"invited_by_id" uuid,
	"last_reminded_at" timestamp with time zone,
	"reminders" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_participations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"respondent_key" text NOT NULL,
	"organisation_id" uuid,
	"user_id" uuid,
	"submission_id" uuid,
	"status" "survey_participation_status" DEFAULT 'draft' NOT NULL,
	"submitted_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"submission_id" uuid PRIMARY KEY NOT NULL,
	"survey_id" uuid NOT NULL,
	"sector" "sector",
	"size_band" "size_band",
	"submitted_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"year" integer NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"previous_survey_id" uuid,
	"audience" "survey_audience" DEFAULT 'invited_organisations' NOT NULL,
	"respond_as" "survey_respond_as" DEFAULT 'organisation' NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"min_group_size" integer DEFAULT 5 NOT NULL,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"created_by_id" uuid,
	"results_summary_json" jsonb,
	"results_summary_html" text,
	"results_summary_text" text,
	"results_chart_question_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"results_published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "questionnaire_questions" ADD COLUMN "predecessor_question_id" uuid;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_invited_by_id_users_id_fk" FOREIGN KEY ("invited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_participations" ADD CONSTRAINT "survey_participations_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_participations" ADD CONSTRAINT "survey_participations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_participations" ADD CONSTRAINT "survey_participations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_participations" ADD CONSTRAINT "survey_participations_submission_id_questionnaire_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."questionnaire_submissions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_submission_id_questionnaire_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."questionnaire_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_previous_survey_id_surveys_id_fk" FOREIGN KEY ("previous_survey_id") REFERENCES "public"."surveys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_survey_organisation_idx" ON "survey_invitations" USING btree ("survey_id","organisation_id");--> statement-breakpoint
CREATE INDEX "survey_invitations_organisation_id_idx" ON "survey_invitations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "survey_invitations_invited_by_id_idx" ON "survey_invitations" USING btree ("invited_by_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_participations_survey_respondent_idx" ON "survey_participations" USING btree ("survey_id","respondent_key");--> statement-breakpoint
CREATE INDEX "survey_participations_organisation_id_idx" ON "survey_participations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "survey_participations_user_id_idx" ON "survey_participations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "survey_participations_submission_id_idx" ON "survey_participations" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "survey_responses_survey_id_idx" ON "survey_responses" USING btree ("survey_id","sector","size_band");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_slug_idx" ON "surveys" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_questionnaire_id_idx" ON "surveys" USING btree ("questionnaire_id");--> statement-breakpoint
CREATE INDEX "surveys_previous_survey_id_idx" ON "surveys" USING btree ("previous_survey_id");--> statement-breakpoint
CREATE INDEX "surveys_created_by_id_idx" ON "surveys" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "surveys_results_published_at_idx" ON "surveys" USING btree ("results_published_at");--> statement-breakpoint
ALTER TABLE "questionnaire_questions" ADD CONSTRAINT "questionnaire_questions_predecessor_question_id_questionnaire_questions_id_fk" FOREIGN KEY ("predecessor_question_id") REFERENCES "public"."questionnaire_questions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "questionnaire_questions_predecessor_question_id_idx" ON "questionnaire_questions" USING btree ("predecessor_question_id");