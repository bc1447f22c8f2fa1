import { Type, type Static } from 'typebox';
import { IncidentSchema } from './incident.ts';
import { JournalEntrySchema } from './journal.ts';
import { ReportSchema } from './report.ts';

/** Where a search found its words. */
export const SearchMatchSource = { incident: 'incident', report: 'report', note: 'note' } as const;
export type SearchMatchSource = (typeof SearchMatchSource)[keyof typeof SearchMatchSource];

/** An incident found by a query, with the passages that matched its words. */
export const IncidentSearchHitSchema = Type.Object({
  incident: IncidentSchema,
  matches: Type.Array(
    Type.Object({
      source: Type.Enum(Object.values(SearchMatchSource)),
      text: Type.String({ description: 'The passage, matched words between « and »' }),
    }),
  ),
});
export type IncidentSearchHit = Static<typeof IncidentSearchHitSchema>;

export const IncidentSearchResultSchema = Type.Object({
  hits: Type.Array(IncidentSearchHitSchema, {
    description: 'Best match first; newest first without words',
  }),
  truncated: Type.Boolean({ description: 'More incidents matched than the limit' }),
});
export type IncidentSearchResult = Static<typeof IncidentSearchResultSchema>;

/**
 * One incident with everything behind it: its reports (wherever they arrived) and its journal,
 * including the entries of incidents merged into it, oldest first.
 */
export const IncidentDetailSchema = Type.Object({
  incident: IncidentSchema,
  reports: Type.Array(ReportSchema),
  mergedFrom: Type.Array(Type.String({ format: 'uuid' }), {
    description: 'Incidents merged into this one, whose entries the journal includes',
  }),
  entries: Type.Array(JournalEntrySchema),
  asOfSeq: Type.Integer({ description: 'The last journal entry reflected here' }),
});
export type IncidentDetail = Static<typeof IncidentDetailSchema>;
