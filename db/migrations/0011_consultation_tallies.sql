CREATE TABLE "consultation_tallies" (
	"consultation_id" uuid PRIMARY KEY NOT NULL,
	"signature" text NOT NULL,
	"data" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultation_tallies" ADD CONSTRAINT "consultation_tallies_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;