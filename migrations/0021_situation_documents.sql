CREATE TABLE "handovers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"picture" jsonb NOT NULL,
	"notes" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"confirmed_by" text,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "planned_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"location" jsonb NOT NULL,
	"district" jsonb,
	"expected_crowd" integer,
	"responsible_unit_ids" jsonb NOT NULL,
	"notes" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"cancel_reason" text
);
--> statement-breakpoint
CREATE TABLE "situation_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"number" integer,
	"version" integer NOT NULL,
	"revises" uuid,
	"language" text NOT NULL,
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"content" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "planned_event_id" uuid;--> statement-breakpoint
CREATE INDEX "handovers_created_idx" ON "handovers" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "handovers_confirmed_idx" ON "handovers" USING btree ("confirmed_at") WHERE status = 'confirmed';--> statement-breakpoint
CREATE INDEX "planned_events_time_idx" ON "planned_events" USING btree ("starts_at","ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "situation_reports_number_idx" ON "situation_reports" USING btree ("number","version") WHERE number is not null;--> statement-breakpoint
CREATE INDEX "situation_reports_updated_idx" ON "situation_reports" USING btree ("updated_at");