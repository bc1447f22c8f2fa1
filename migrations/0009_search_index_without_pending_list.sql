-- A GIN index's pending list is merged into the index by whichever insert finds it full, which
-- then takes hundreds of milliseconds while it holds the journal lock: every console waits. With
-- fastupdate off each insert pays a little more and none pays a lot (pnpm bench: intake-to-console
-- p99 at 1,000 consoles back from about 350 ms to about 90 ms).
ALTER INDEX "incidents_search_vector_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "reports_search_vector_idx" SET (fastupdate = off);--> statement-breakpoint
ALTER INDEX "journal_notes_search_idx" SET (fastupdate = off);
