CREATE TYPE "public"."outbox_operation" AS ENUM('upsert', 'delete');--> statement-breakpoint
CREATE TABLE "search_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"index_name" text NOT NULL,
	"document_id" text NOT NULL,
	"operation" "outbox_operation" NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_outbox_available_idx" ON "search_outbox" USING btree ("available_at","id");--> statement-breakpoint
CREATE INDEX "search_outbox_document_idx" ON "search_outbox" USING btree ("index_name","document_id");