import { Type, type Static } from 'typebox';
import { IncidentSchema } from './incident.ts';
import { ReportSchema } from './report.ts';

/** Kinds of journal entry. Events carry the full new state of what changed. */
export const JournalKind = {
  reportReceived: 'report.received',
  incidentOpened: 'incident.opened',
  incidentUpdated: 'incident.updated',
} as const;
export type JournalKind = (typeof JournalKind)[keyof typeof JournalKind];

const entryHead = {
  seq: Type.Integer({ minimum: 1, description: 'Global, gap-free, in commit order' }),
  recordedAt: Type.String({ format: 'date-time' }),
  actor: Type.String({ description: 'Who made the change: a user, a key, or "system"' }),
};

export const ReportReceivedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.reportReceived),
  incidentId: Type.String(),
  data: Type.Object({ report: ReportSchema }),
});

export const IncidentOpenedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.incidentOpened),
  incidentId: Type.String(),
  data: Type.Object({ incident: IncidentSchema }),
});

export const IncidentUpdatedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.incidentUpdated),
  incidentId: Type.String(),
  data: Type.Object({
    incident: IncidentSchema,
    reason: Type.Optional(Type.String()),
  }),
});

export const JournalEntrySchema = Type.Union([
  ReportReceivedEntrySchema,
  IncidentOpenedEntrySchema,
  IncidentUpdatedEntrySchema,
]);
export type JournalEntry = Static<typeof JournalEntrySchema>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A journal entry before the journal has given it a sequence and a time. */
export type NewJournalEntry = DistributiveOmit<JournalEntry, 'seq' | 'recordedAt'>;
