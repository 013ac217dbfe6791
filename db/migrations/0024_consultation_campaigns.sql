CREATE TYPE "public"."consultation_campaign_status" AS ENUM('suggested', 'confirmed', 'dismissed');--> statement-breakpoint
CREATE TABLE "consultation_campaign_checks" (
	"consultation_id" uuid PRIMARY KEY NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_by_id" uuid,
	"finished_at" timestamp with time zone,
	"responses_compared" integer
);
--> statement-breakpoint
CREATE TABLE "consultation_campaign_members" (
	"campaign_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"identical" boolean NOT NULL,
	CONSTRAINT "consultation_campaign_members_campaign_id_response_id_pk" PRIMARY KEY("campaign_id","response_id")
);
--> statement-breakpoint
CREATE TABLE "consultation_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"status" "consultation_campaign_status" DEFAULT 'suggested' NOT NULL,
	"shared_text" text NOT NULL,
	"size" integer NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "consultation_campaign_checks" ADD CONSTRAINT "consultation_campaign_checks_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_campaign_checks" ADD CONSTRAINT "consultation_campaign_checks_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_campaign_members" ADD CONSTRAINT "consultation_campaign_members_campaign_id_consultation_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."consultation_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_campaign_members" ADD CONSTRAINT "consultation_campaign_members_response_id_consultation_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."consultation_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_campaigns" ADD CONSTRAINT "consultation_campaigns_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_campaigns" ADD CONSTRAINT "consultation_campaigns_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_campaign_members_response_idx" ON "consultation_campaign_members" USING btree ("response_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultation_campaigns_fingerprint_idx" ON "consultation_campaigns" USING btree ("consultation_id","fingerprint");