import { Type, type Static } from 'typebox';
import {
  CATEGORIES,
  CategorySchema,
  INCIDENT_STATUSES,
  IncidentStatusSchema,
  SEVERITIES,
  SeveritySchema,
} from './enums.ts';
import { DistrictRefSchema } from './district.ts';
import { LocationSchema } from './location.ts';
import { INCIDENT_TRANSITIONS } from '../logic/incident-lifecycle.ts';

const uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description !== undefined && { description }) });

/** The case the duty officer works: one or more reports with a category, severity and status. */
export const IncidentSchema = Type.Object({
  id: uuid(),
  title: Type.String(),
  category: CategorySchema,
  severity: SeveritySchema,
  status: IncidentStatusSchema,
  location: LocationSchema,
  district: Type.Optional(DistrictRefSchema),
  openedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  reportCount: Type.Integer({ minimum: 0 }),
  mergedInto: Type.Optional(
    uuid('Set when this incident was merged into another; it is then closed'),
  ),
  plannedEventId: Type.Optional(uuid('The planned event (a match, a state visit…) it belongs to')),
});
export type Incident = Static<typeof IncidentSchema>;

const reason = Type.String({ minLength: 1, maxLength: 2_000, description: 'Why, for the journal' });
const expectedUpdatedAt = Type.String({
  format: 'date-time',
  description: 'The updatedAt the console showed; a different one means someone else changed it',
});

/** A change of an incident's status, with why; `expectedUpdatedAt` guards against a stale view. */
export const IncidentTransitionRequestSchema = Type.Object(
  { transition: Type.Enum(INCIDENT_TRANSITIONS), reason, expectedUpdatedAt },
  { additionalProperties: false },
);
export type IncidentTransitionRequest = Static<typeof IncidentTransitionRequestSchema>;

/** The fields of an incident the duty officer may change, besides its status. */
export const IncidentFieldsSchema = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    category: Type.Optional(CategorySchema),
    severity: Type.Optional(SeveritySchema),
    location: Type.Optional(LocationSchema),
    plannedEventId: Type.Optional(
      Type.Union([uuid(), Type.Null()], {
        description: 'The planned event it belongs to; null unlinks it',
      }),
    ),
  },
  { additionalProperties: false },
);
export type IncidentFields = Static<typeof IncidentFieldsSchema>;

/** A change of title, category, severity, location or planned event; at least one of them. */
export const UpdateIncidentRequestSchema = Type.Object(
  {
    changes: Type.Object(IncidentFieldsSchema.properties, {
      additionalProperties: false,
      minProperties: 1,
    }),
    reason: Type.Optional(reason),
    expectedUpdatedAt,
  },
  { additionalProperties: false },
);
export type UpdateIncidentRequest = Static<typeof UpdateIncidentRequestSchema>;

/** Merges this incident (the duplicate) into another: its reports move, and it closes. */
export const MergeIncidentRequestSchema = Type.Object(
  {
    into: uuid('The incident that goes on and takes the reports'),
    reason,
    expectedUpdatedAt,
    intoExpectedUpdatedAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'The updatedAt of `into` the console showed',
      }),
    ),
  },
  { additionalProperties: false },
);
export type MergeIncidentRequest = Static<typeof MergeIncidentRequestSchema>;

/** Splits one report out of this incident into a new incident of its own. */
export const SplitReportRequestSchema = Type.Object(
  { reportId: uuid(), reason, expectedUpdatedAt },
  { additionalProperties: false },
);
export type SplitReportRequest = Static<typeof SplitReportRequestSchema>;

const commaList = (values: readonly string[], description: string) =>
  Type.String({
    pattern: `^(${values.join('|')})(,(${values.join('|')}))*$`,
    description: `${description}, comma-separated`,
  });

/** Filters and full-text search over all incidents, open and closed. */
export const IncidentQuerySchema = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'Words to find in incidents, their reports and notes (sv, fi, en stemming)',
      }),
    ),
    status: Type.Optional(commaList(INCIDENT_STATUSES, 'Statuses')),
    severity: Type.Optional(commaList(SEVERITIES, 'Severities')),
    category: Type.Optional(commaList(CATEGORIES, 'Categories')),
    district: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2_000, description: 'District ids, comma-separated' }),
    ),
    from: Type.Optional(
      Type.String({ format: 'date-time', description: 'Opened at or after this time' }),
    ),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Opened before this time' })),
    limit: Type.Optional(
      Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: '1 to 500; 100 by default' }),
    ),
  },
  { additionalProperties: false },
);
export type IncidentQuery = Static<typeof IncidentQuerySchema>;

/** The answer to a merge: the incident that goes on, and the duplicate, now closed. */
export const MergeIncidentResultSchema = Type.Object({
  incident: IncidentSchema,
  merged: IncidentSchema,
});
export type MergeIncidentResult = Static<typeof MergeIncidentResultSchema>;

/** The answer to a split: the new incident opened from the report, and the one it left. */
export const SplitReportResultSchema = Type.Object({
  incident: IncidentSchema,
  from: IncidentSchema,
});
export type SplitReportResult = Static<typeof SplitReportResultSchema>;
