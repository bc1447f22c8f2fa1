ALTER TABLE "cap_feeds" ADD COLUMN "last_succeeded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cap_feeds" ADD COLUMN "failing_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cap_feeds" ADD COLUMN "last_new_alerts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cap_feeds" ADD COLUMN "last_repeated_alerts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cap_feeds" ADD COLUMN "total_new_alerts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cap_feeds" ADD COLUMN "total_repeated_alerts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cap_feeds" ADD COLUMN "last_new_alert_at" timestamp with time zone;--> statement-breakpoint
UPDATE "cap_feeds" SET "last_succeeded_at" = "last_polled_at" WHERE "last_status" IN ('imported', 'unchanged');--> statement-breakpoint
UPDATE "cap_feeds" SET "failing_since" = "last_polled_at" WHERE "last_status" = 'failed';
