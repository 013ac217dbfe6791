CREATE TYPE "public"."consultation_response_activity_kind" AS ENUM('changed', 'asked_sign_off', 'submitted', 'amended', 'discarded');--> statement-breakpoint
CREATE TABLE "consultation_response_activity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"response_id" uuid NOT NULL,
	"kind" "consultation_response_activity_kind" NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"question_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_response_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"response_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"replaced_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD COLUMN "draft_submission_id" uuid;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD COLUMN "amendment_discarded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD COLUMN "sign_off_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "questionnaire_answers" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_response_activity" ADD CONSTRAINT "consultation_response_activity_response_id_consultation_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."consultation_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_response_activity" ADD CONSTRAINT "consultation_response_activity_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_response_activity" ADD CONSTRAINT "consultation_response_activity_question_id_questionnaire_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questionnaire_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_response_revisions" ADD CONSTRAINT "consultation_response_revisions_response_id_consultation_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."consultation_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_response_revisions" ADD CONSTRAINT "consultation_response_revisions_submission_id_questionnaire_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."questionnaire_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_response_activity_response_id_idx" ON "consultation_response_activity" USING btree ("response_id","at");--> statement-breakpoint
CREATE INDEX "consultation_response_revisions_response_id_idx" ON "consultation_response_revisions" USING btree ("response_id","replaced_at");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_response_revisions_submission_id_idx" ON "consultation_response_revisions" USING btree ("submission_id");--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD CONSTRAINT "consultation_responses_draft_submission_id_questionnaire_submissions_id_fk" FOREIGN KEY ("draft_submission_id") REFERENCES "public"."questionnaire_submissions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_responses_draft_submission_id_idx" ON "consultation_responses" USING btree ("draft_submission_id");