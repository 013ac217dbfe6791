-- Trigram similarity lets the PostgreSQL search engine correct near misses ("employmnet" -> "employment").
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "search_terms_term_trgm_idx" ON "search_terms" USING gin ("term" gin_trgm_ops);
