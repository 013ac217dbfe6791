ALTER TABLE "mail_deliveries" ADD COLUMN "priority" smallint;--> statement-breakpoint
CREATE INDEX "mail_deliveries_pump_idx" ON "mail_deliveries" USING btree ("priority" DESC NULLS LAST,"created_at","id") WHERE "mail_deliveries"."priority" is not null and "mail_deliveries"."status" in ('queued', 'sending');--> statement-breakpoint
-- Mail still to send that the per-message jobs would have sent now waits for the pump; a newsletter's rows stay with its dispatcher.
UPDATE "mail_deliveries" SET "priority" = CASE WHEN "campaign" IS NULL THEN 10 ELSE 0 END
 WHERE "status" IN ('queued', 'sending') AND ("campaign" IS NULL OR "campaign" NOT LIKE 'newsletter:%');--> statement-breakpoint
DO $$ BEGIN
  IF to_regclass('pgboss.job') IS NOT NULL THEN
    DELETE FROM pgboss.job WHERE name = 'mail.deliver';
  END IF;
END $$;
