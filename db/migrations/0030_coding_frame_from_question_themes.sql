-- Each question's themes join their questionnaire's one coding frame. Themes of
-- the same name (case aside) on different questions become one theme; the
-- earliest keeps its id, so copies already published still name a live theme.
INSERT INTO "questionnaire_themes" ("id", "questionnaire_id", "name", "created_at", "updated_at")
SELECT DISTINCT ON (q."questionnaire_id", lower(t."name")) t."id", q."questionnaire_id", t."name", t."created_at", t."created_at"
  FROM "question_themes" t
  JOIN "questionnaire_questions" q ON q."id" = t."question_id"
 ORDER BY q."questionnaire_id", lower(t."name"), t."created_at", t."id";--> statement-breakpoint
-- Every tag keeps its answer and question and points at the merged theme (whose id is
-- still a question theme's, so the old foreign key holds until the next migration).
UPDATE "answer_themes" a
   SET "theme_id" = f."id"
  FROM "question_themes" t
  JOIN "questionnaire_questions" q ON q."id" = t."question_id"
  JOIN "questionnaire_themes" f ON f."questionnaire_id" = q."questionnaire_id" AND lower(f."name") = lower(t."name")
 WHERE a."theme_id" = t."id" AND f."id" <> t."id";
