ALTER TABLE "consultation_responses" ADD COLUMN "resume_emailed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultation_responses" ADD COLUMN "reminder_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "reminder_days" integer DEFAULT 3 NOT NULL;