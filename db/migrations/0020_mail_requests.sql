CREATE TABLE "mail_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"recipient_hash" text NOT NULL,
	"client_hash" text,
	"sender_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "mail_requests_recipient_idx" ON "mail_requests" USING btree ("recipient_hash","created_at");--> statement-breakpoint
CREATE INDEX "mail_requests_client_idx" ON "mail_requests" USING btree ("client_hash","created_at");--> statement-breakpoint
CREATE INDEX "mail_requests_sender_idx" ON "mail_requests" USING btree ("sender_hash","created_at");