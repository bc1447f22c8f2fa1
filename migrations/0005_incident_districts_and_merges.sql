ALTER TABLE "incidents" ADD COLUMN "district" jsonb;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
CREATE INDEX "incidents_opened_idx" ON "incidents" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "incidents_merged_into_idx" ON "incidents" USING btree ("merged_into") WHERE merged_into is not null;--> statement-breakpoint
CREATE INDEX "journal_kind_idx" ON "journal" USING btree ("kind","seq");--> statement-breakpoint
CREATE INDEX "journal_recorded_idx" ON "journal" USING btree ("recorded_at");