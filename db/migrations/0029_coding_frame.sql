CREATE TYPE "public"."theme_suggestion_status" AS ENUM('suggested', 'accepted', 'rejected');--> statement-breakpoint
CREATE TABLE "questionnaire_themes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "theme_suggestion_answers" (
	"suggestion_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	CONSTRAINT "theme_suggestion_answers_suggestion_id_submission_id_pk" PRIMARY KEY("suggestion_id","submission_id")
);
--> statement-breakpoint
CREATE TABLE "theme_suggestion_runs" (
	"question_id" uuid PRIMARY KEY NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_by_id" uuid,
	"finished_at" timestamp with time zone,
	"answers_read" integer,
	"method" text
);
--> statement-breakpoint
CREATE TABLE "theme_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"phrases" text[] NOT NULL,
	"size" integer NOT NULL,
	"example_submission_ids" uuid[] NOT NULL,
	"status" "theme_suggestion_status" DEFAULT 'suggested' NOT NULL,
	"theme_id" uuid,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "questionnaire_themes" ADD CONSTRAINT "questionnaire_themes_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_suggestion_answers" ADD CONSTRAINT "theme_suggestion_answers_suggestion_id_theme_suggestions_id_fk" FOREIGN KEY ("suggestion_id") REFERENCES "public"."theme_suggestions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_suggestion_answers" ADD CONSTRAINT "theme_suggestion_answers_submission_id_questionnaire_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."questionnaire_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_suggestion_runs" ADD CONSTRAINT "theme_suggestion_runs_question_id_questionnaire_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questionnaire_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_suggestion_runs" ADD CONSTRAINT "theme_suggestion_runs_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_suggestions" ADD CONSTRAINT "theme_suggestions_question_id_questionnaire_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questionnaire_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_suggestions" ADD CONSTRAINT "theme_suggestions_theme_id_questionnaire_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."questionnaire_themes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_suggestions" ADD CONSTRAINT "theme_suggestions_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaire_themes_name_idx" ON "questionnaire_themes" USING btree ("questionnaire_id",lower("name"));--> statement-breakpoint
CREATE INDEX "theme_suggestions_question_idx" ON "theme_suggestions" USING btree ("question_id","position");