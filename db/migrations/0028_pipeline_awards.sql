CREATE TABLE "pipeline_award_suppliers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"award_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"organisation_id" uuid,
	"name" text NOT NULL,
	"company_number" text DEFAULT '' NOT NULL,
	"street_address" text DEFAULT '' NOT NULL,
	"locality" text DEFAULT '' NOT NULL,
	"postal_code" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"value_minor" bigint NOT NULL,
	"currency" text DEFAULT 'GBP' NOT NULL,
	"award_date" date NOT NULL,
	"contract_start" date NOT NULL,
	"contract_end" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pipeline_award_suppliers" ADD CONSTRAINT "pipeline_award_suppliers_award_id_pipeline_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."pipeline_awards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_award_suppliers" ADD CONSTRAINT "pipeline_award_suppliers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_awards" ADD CONSTRAINT "pipeline_awards_notice_id_pipeline_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."pipeline_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_award_suppliers_award_position_idx" ON "pipeline_award_suppliers" USING btree ("award_id","position");--> statement-breakpoint
CREATE INDEX "pipeline_award_suppliers_organisation_id_idx" ON "pipeline_award_suppliers" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_awards_notice_id_idx" ON "pipeline_awards" USING btree ("notice_id");