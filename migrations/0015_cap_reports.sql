ALTER TABLE "reports" ADD COLUMN "cap" jsonb;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "deviations" text[];--> statement-breakpoint
CREATE UNIQUE INDEX "reports_cap_alert_idx" ON "reports" USING btree ((cap ->> 'sender'),(cap ->> 'identifier'),(cap ->> 'sent')) WHERE cap is not null;