CREATE TABLE "search_documents" (
	"index_name" text NOT NULL,
	"generation" integer NOT NULL,
	"document_id" text NOT NULL,
	"fields" jsonb NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_documents_index_name_generation_document_id_pk" PRIMARY KEY("index_name","generation","document_id")
);
--> statement-breakpoint
CREATE TABLE "search_generations" (
	"index_name" text PRIMARY KEY NOT NULL,
	"generation" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"index_name" text NOT NULL,
	"term" text NOT NULL,
	CONSTRAINT "search_terms_index_name_term_pk" PRIMARY KEY("index_name","term")
);
--> statement-breakpoint
CREATE INDEX "search_documents_vector_idx" ON "search_documents" USING gin ("search_vector");