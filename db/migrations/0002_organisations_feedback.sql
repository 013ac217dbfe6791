CREATE TYPE "public"."satisfaction" AS ENUM('very_satisfied', 'satisfied', 'neither', 'dissatisfied', 'very_dissatisfied');--> statement-breakpoint
CREATE TABLE "service_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"satisfaction" "satisfaction" NOT NULL,
	"comments" text NOT NULL,
	"from_path" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisation_invitations" ADD COLUMN "accepted_by_id" uuid;--> statement-breakpoint
CREATE INDEX "service_feedback_created_at_idx" ON "service_feedback" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "organisation_invitations" ADD CONSTRAINT "organisation_invitations_accepted_by_id_users_id_fk" FOREIGN KEY ("accepted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_invitations_invited_by_id_idx" ON "organisation_invitations" USING btree ("invited_by_id");--> statement-breakpoint
CREATE INDEX "organisation_invitations_accepted_by_id_idx" ON "organisation_invitations" USING btree ("accepted_by_id");--> statement-breakpoint
CREATE INDEX "organisations_regions_idx" ON "organisations" USING gin ("regions");--> statement-breakpoint
CREATE INDEX "organisations_capabilities_idx" ON "organisations" USING gin ("capabilities");--> statement-breakpoint
CREATE INDEX "organisations_created_at_idx" ON "organisations" USING btree ("created_at");