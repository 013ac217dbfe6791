ALTER TABLE "search_documents" ADD COLUMN "filter_values" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Whole documents are a correct stand-in until the next write or reindex stores the small copy.
UPDATE "search_documents" SET "filter_values" = "fields";
