ALTER TABLE "public_messages" ADD COLUMN "returned_by" text;--> statement-breakpoint
ALTER TABLE "public_messages" ADD COLUMN "returned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "public_messages" ADD COLUMN "return_reason" text;