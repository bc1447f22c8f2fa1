-- The search vectors of incidents and reports are stored, so a search ranks its matches without
-- stemming every matched text again in four languages; they replace the expression indexes.
ALTER TABLE "incidents" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (vaka_search_vector(title || ' ' || coalesce(location ->> 'address', ''))) STORED;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (vaka_search_vector(title || ' ' || coalesce(description, ''))) STORED;--> statement-breakpoint
CREATE INDEX "incidents_search_vector_idx" ON "incidents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "reports_search_vector_idx" ON "reports" USING gin ("search_vector");--> statement-breakpoint
DROP INDEX "incidents_search_idx";--> statement-breakpoint
DROP INDEX "reports_search_idx";
