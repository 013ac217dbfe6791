CREATE TABLE "survey_sealed_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"sector" "sector",
	"size_band" "size_band",
	"answers" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_responses" ALTER COLUMN "submitted_on" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "surveys" ADD COLUMN "anonymous_answers_settled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_sealed_answers" ADD CONSTRAINT "survey_sealed_answers_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_sealed_answers_survey_id_idx" ON "survey_sealed_answers" USING btree ("survey_id");