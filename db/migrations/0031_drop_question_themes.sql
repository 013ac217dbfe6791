ALTER TABLE "answer_themes" DROP CONSTRAINT "answer_themes_theme_id_question_themes_id_fk";--> statement-breakpoint
ALTER TABLE "answer_themes" ADD CONSTRAINT "answer_themes_theme_id_questionnaire_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."questionnaire_themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
DROP TABLE "question_themes";
