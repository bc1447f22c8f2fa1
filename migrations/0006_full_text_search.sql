-- Full-text search over incidents, reports and notes, in every language a city of ours writes:
-- Swedish, Finnish and English stemming, plus 'simple' (no stemming) for Czech, names and codes.
CREATE FUNCTION vaka_search_vector(content text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN to_tsvector('simple'::regconfig, coalesce(content, ''))
    || to_tsvector('swedish'::regconfig, coalesce(content, ''))
    || to_tsvector('finnish'::regconfig, coalesce(content, ''))
    || to_tsvector('english'::regconfig, coalesce(content, ''));
--> statement-breakpoint
CREATE INDEX "incidents_search_idx" ON "incidents"
  USING gin (vaka_search_vector(title || ' ' || coalesce(location ->> 'address', '')));
--> statement-breakpoint
CREATE INDEX "reports_search_idx" ON "reports"
  USING gin (vaka_search_vector(title || ' ' || coalesce(description, '')));
--> statement-breakpoint
CREATE INDEX "journal_notes_search_idx" ON "journal"
  USING gin (vaka_search_vector(data ->> 'text'))
  WHERE kind IN ('note.added', 'entry.corrected');
