CREATE TYPE "public"."publication_decision" AS ENUM('publish', 'withhold');--> statement-breakpoint
CREATE TABLE "consultation_published_responses" (
	"response_id" uuid PRIMARY KEY NOT NULL,
	"consultation_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"respondent" text NOT NULL,
	"respondent_type" text NOT NULL,
	"organisation" text,
	"name" text,
	"answers" jsonb NOT NULL,
	"search_text" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_published_themes" (
	"response_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	"theme" text NOT NULL,
	CONSTRAINT "consultation_published_themes_response_id_question_id_theme_id_pk" PRIMARY KEY("response_id","question_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "consultation_redactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"response_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"phrase" text,
	"reason" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_response_reviews" (
	"response_id" uuid PRIMARY KEY NOT NULL,
	"consultation_id" uuid NOT NULL,
	"decision" "publication_decision" NOT NULL,
	"withheld_reason" text,
	"reviewed_by_id" uuid,
	"reviewed_at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "consultation_scheduled_releases" (
	"consultation_id" uuid PRIMARY KEY NOT NULL,
	"release_at" timestamp with time zone NOT NULL,
	"scheduled_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD COLUMN "notify_on_publication" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD COLUMN "receipt_token_hash" text;--> statement-breakpoint
ALTER TABLE "consultation_published_responses" ADD CONSTRAINT "consultation_published_responses_response_id_consultation_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."consultation_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_published_responses" ADD CONSTRAINT "consultation_published_responses_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_published_themes" ADD CONSTRAINT "consultation_published_themes_response_id_consultation_published_responses_response_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."consultation_published_responses"("response_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_redactions" ADD CONSTRAINT "consultation_redactions_response_id_consultation_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."consultation_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_redactions" ADD CONSTRAINT "consultation_redactions_question_id_questionnaire_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questionnaire_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_redactions" ADD CONSTRAINT "consultation_redactions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_response_reviews" ADD CONSTRAINT "consultation_response_reviews_response_id_consultation_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."consultation_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_response_reviews" ADD CONSTRAINT "consultation_response_reviews_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_response_reviews" ADD CONSTRAINT "consultation_response_reviews_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_scheduled_releases" ADD CONSTRAINT "consultation_scheduled_releases_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_scheduled_releases" ADD CONSTRAINT "consultation_scheduled_releases_scheduled_by_id_users_id_fk" FOREIGN KEY ("scheduled_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_published_responses_consultation_idx" ON "consultation_published_responses" USING btree ("consultation_id","submitted_at");--> statement-breakpoint
CREATE INDEX "consultation_published_themes_theme_idx" ON "consultation_published_themes" USING btree ("theme_id");--> statement-breakpoint
CREATE INDEX "consultation_redactions_response_idx" ON "consultation_redactions" USING btree ("response_id","question_id");--> statement-breakpoint
CREATE INDEX "consultation_response_reviews_consultation_idx" ON "consultation_response_reviews" USING btree ("consultation_id","decision");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_responses_receipt_token_idx" ON "consultation_responses" USING btree ("receipt_token_hash");