ALTER TYPE "public"."question_type" ADD VALUE 'grid';--> statement-breakpoint
ALTER TYPE "public"."question_type" ADD VALUE 'file_upload';--> statement-breakpoint
ALTER TABLE "questionnaire_answers" ADD COLUMN "file_id" uuid;--> statement-breakpoint
ALTER TABLE "questionnaire_questions" ADD COLUMN "skip_to" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "questionnaire_answers" ADD CONSTRAINT "questionnaire_answers_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "questionnaire_answers_file_id_idx" ON "questionnaire_answers" USING btree ("file_id");