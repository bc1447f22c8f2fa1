CREATE TABLE "public_messages" (
	"id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"incident_id" uuid,
	"content" jsonb NOT NULL,
	"effective" timestamp with time zone NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	"exercise" boolean NOT NULL,
	"author" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"publish_at" timestamp with time zone,
	"scheduled_by" text,
	"published_by" text,
	"published_at" timestamp with time zone,
	"withdrawn_by" text,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	CONSTRAINT "public_messages_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
ALTER TABLE "public_messages" ADD CONSTRAINT "public_messages_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "public_messages_updated_idx" ON "public_messages" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "public_messages_incident_idx" ON "public_messages" USING btree ("incident_id") WHERE incident_id is not null;--> statement-breakpoint
CREATE INDEX "public_messages_published_idx" ON "public_messages" USING btree ("expires") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "public_messages_scheduled_idx" ON "public_messages" USING btree ("publish_at") WHERE status = 'approved' and publish_at is not null;