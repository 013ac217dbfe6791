-- Anonymous answers keep no day, and rewriting them (with their survey's
-- participations) in this one transaction leaves every such row with the
-- same xmin, so older submissions can no longer be joined by transaction id.
UPDATE "survey_responses" r SET "submitted_on" = NULL FROM "surveys" s WHERE s."id" = r."survey_id" AND s."anonymous";
--> statement-breakpoint
UPDATE "questionnaire_answers" a SET "updated_at" = a."updated_at" FROM "survey_responses" r JOIN "surveys" s ON s."id" = r."survey_id" WHERE s."anonymous" AND a."submission_id" = r."submission_id";
--> statement-breakpoint
UPDATE "questionnaire_submissions" q SET "updated_at" = q."updated_at" FROM "survey_responses" r JOIN "surveys" s ON s."id" = r."survey_id" WHERE s."anonymous" AND q."id" = r."submission_id";
--> statement-breakpoint
UPDATE "survey_participations" p SET "updated_at" = p."updated_at" FROM "surveys" s WHERE s."id" = p."survey_id" AND s."anonymous" AND p."status" = 'submitted';
