CREATE TABLE "cap_feeds" (
	"url" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"etag" text,
	"last_modified" text,
	"next_poll_at" timestamp with time zone NOT NULL,
	"last_status" text,
	"last_error" text,
	"last_polled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "cap_feeds_next_poll_idx" ON "cap_feeds" USING btree ("next_poll_at");