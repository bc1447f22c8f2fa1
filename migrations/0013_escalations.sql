CREATE TABLE "escalation_notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"escalation_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"step" integer NOT NULL,
	"contact_id" uuid NOT NULL,
	"contact_name" text NOT NULL,
	"schedule_id" uuid,
	"outbox_id" uuid NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"response" text,
	"responded_at" timestamp with time zone,
	"response_reason" text
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"incident_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_name" text NOT NULL,
	"policy_id" uuid NOT NULL,
	"policy_name" text NOT NULL,
	"steps" jsonb NOT NULL,
	"repeat" integer NOT NULL,
	"brief" text NOT NULL,
	"status" text NOT NULL,
	"round" integer NOT NULL,
	"step" integer NOT NULL,
	"next_step_at" timestamp with time zone,
	"skipped" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"started_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" text,
	"end_reason" text,
	"redirected_to" jsonb
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"language" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer NOT NULL,
	"max_attempts" integer NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"held_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "server_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "escalation_notifications" ADD CONSTRAINT "escalation_notifications_escalation_id_escalations_id_fk" FOREIGN KEY ("escalation_id") REFERENCES "public"."escalations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_notifications" ADD CONSTRAINT "escalation_notifications_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_policy_id_escalation_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."escalation_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "escalation_notifications_escalation_idx" ON "escalation_notifications" USING btree ("escalation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "escalation_notifications_outbox_idx" ON "escalation_notifications" USING btree ("outbox_id");--> statement-breakpoint
CREATE INDEX "escalations_incident_idx" ON "escalations" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "escalations_due_idx" ON "escalations" USING btree ("next_step_at") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "escalations_awaiting_idx" ON "escalations" USING btree ("started_at") WHERE status in ('active', 'exhausted');--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE status in ('queued', 'sending');--> statement-breakpoint
CREATE INDEX "outbox_recipient_sent_idx" ON "outbox" USING btree ("recipient","sent_at") WHERE sent_at is not null;