import { Type, type Static } from 'typebox';
import { LanguageSchema } from './enums.ts';

const uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description !== undefined && { description }) });
const dateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description !== undefined && { description }) });

/**
 * A key event of the situation: what leadership reads in the picture's timeline and what a
 * situation report is drafted from. Drawn from the journal: notes flagged as key events,
 * incidents opened at serious or critical severity or raised to it, incidents closed, readiness
 * changes, escalations started, run out or accepted, and public messages published or withdrawn.
 */
export const KeyEventKind = {
  note: 'note',
  incidentOpened: 'incident_opened',
  incidentRaised: 'incident_raised',
  incidentClosed: 'incident_closed',
  readinessChanged: 'readiness_changed',
  escalationStarted: 'escalation_started',
  escalationAccepted: 'escalation_accepted',
  escalationExhausted: 'escalation_exhausted',
  messagePublished: 'message_published',
  messageWithdrawn: 'message_withdrawn',
} as const;
export type KeyEventKind = (typeof KeyEventKind)[keyof typeof KeyEventKind];
export const KEY_EVENT_KINDS = Object.values(KeyEventKind);

export const KeyEventSchema = Type.Object({
  seq: Type.Integer({ minimum: 1, description: 'The journal entry it comes from' }),
  at: dateTime('When it happened (a note’s event time, else when it was recorded)'),
  kind: Type.Enum(KEY_EVENT_KINDS),
  incidentId: Type.Optional(uuid()),
  /** What happened, in a line, as the journal has it (a note's text, an incident's title…). */
  text: Type.String(),
  actor: Type.String(),
});
export type KeyEvent = Static<typeof KeyEventSchema>;

export const KeyEventQuerySchema = Type.Object(
  {
    from: Type.Optional(dateTime('Default: 12 hours before to')),
    to: Type.Optional(dateTime('Default: now')),
  },
  { additionalProperties: false },
);
export type KeyEventQuery = Static<typeof KeyEventQuerySchema>;

export const KeyEventListSchema = Type.Object({
  events: Type.Array(KeyEventSchema, { description: 'Oldest first, at most 500' }),
  truncated: Type.Boolean(),
});
export type KeyEventList = Static<typeof KeyEventListSchema>;

/** The fixed sections of a situation report (lägesrapport), in the order they are read. */
export const SITUATION_REPORT_SECTIONS = [
  'situation',
  'consequences',
  'actions',
  'communication',
  'needs',
  'outlook',
] as const;
export type SituationReportSection = (typeof SITUATION_REPORT_SECTIONS)[number];

const sectionText = Type.String({ maxLength: 20_000 });

/** What a situation report says: one text per section, and when the next report comes. */
export const SituationReportContentSchema = Type.Object(
  {
    situation: sectionText,
    consequences: sectionText,
    actions: sectionText,
    communication: sectionText,
    needs: sectionText,
    outlook: sectionText,
    nextReportAt: Type.Optional(dateTime('When the next report is due')),
  },
  { additionalProperties: false },
);
export type SituationReportContent = Static<typeof SituationReportContentSchema>;

/** A draft is written by the duty officer; leadership approves it; an approved one never changes. */
export const SituationReportStatus = {
  draft: 'draft',
  approved: 'approved',
} as const;
export type SituationReportStatus =
  (typeof SituationReportStatus)[keyof typeof SituationReportStatus];

/**
 * A situation report. Numbered when approved (1, 2, 3… in the city); a correction of an approved
 * report is a new draft that `revises` it and, once approved, carries the same number and the
 * next version. Approved reports are immutable.
 */
export const SituationReportSchema = Type.Object({
  id: uuid(),
  status: Type.Enum(Object.values(SituationReportStatus)),
  number: Type.Optional(Type.Integer({ minimum: 1, description: 'Given at approval' })),
  version: Type.Integer({ minimum: 1 }),
  revises: Type.Optional(uuid('The approved report this one corrects')),
  language: LanguageSchema,
  periodFrom: dateTime('What it covers: from the end of the previous report'),
  periodTo: dateTime(),
  content: SituationReportContentSchema,
  createdBy: Type.String(),
  createdAt: dateTime(),
  updatedAt: dateTime(),
  approvedBy: Type.Optional(Type.String({ description: 'Leadership; never the last editor' })),
  approvedAt: Type.Optional(dateTime()),
});
export type SituationReport = Static<typeof SituationReportSchema>;

/**
 * Starts a draft: Vaka fills its sections from the key events since the previous approved report
 * (or the last 24 hours) and the picture now, in `language` (default: the city's first).
 */
export const CreateSituationReportSchema = Type.Object(
  {
    language: Type.Optional(LanguageSchema),
    revises: Type.Optional(uuid('Correct this approved report instead')),
  },
  { additionalProperties: false },
);
export type CreateSituationReport = Static<typeof CreateSituationReportSchema>;

export const UpdateSituationReportSchema = Type.Object(
  {
    expectedUpdatedAt: dateTime(),
    content: Type.Partial(SituationReportContentSchema, {
      additionalProperties: false,
      minProperties: 1,
    }),
  },
  { additionalProperties: false },
);
export type UpdateSituationReport = Static<typeof UpdateSituationReportSchema>;

export const SituationReportStepSchema = Type.Object(
  { expectedUpdatedAt: dateTime() },
  { additionalProperties: false },
);
export type SituationReportStep = Static<typeof SituationReportStepSchema>;

export const SituationReportListSchema = Type.Object({
  reports: Type.Array(SituationReportSchema, {
    description: 'Drafts first, then approved ones by number and version, newest first',
  }),
});
export type SituationReportList = Static<typeof SituationReportListSchema>;
