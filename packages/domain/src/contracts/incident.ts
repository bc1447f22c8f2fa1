import { Type, type Static } from 'typebox';
import { CategorySchema, IncidentStatusSchema, SeveritySchema } from './enums.ts';
import { LocationSchema } from './location.ts';
import { INCIDENT_TRANSITIONS } from '../logic/incident-lifecycle.ts';

/** The case the duty officer works: one or more reports with a category, severity and status. */
export const IncidentSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  category: CategorySchema,
  severity: SeveritySchema,
  status: IncidentStatusSchema,
  location: LocationSchema,
  openedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  reportCount: Type.Integer({ minimum: 0 }),
});
export type Incident = Static<typeof IncidentSchema>;

/** A change of an incident's status, with why; `expectedUpdatedAt` guards against a stale view. */
export const IncidentTransitionRequestSchema = Type.Object(
  {
    transition: Type.Enum(INCIDENT_TRANSITIONS),
    reason: Type.String({ minLength: 1, maxLength: 2_000, description: 'Why, for the journal' }),
    expectedUpdatedAt: Type.String({
      format: 'date-time',
      description:
        'The updatedAt the console showed; a different one means someone else changed it',
    }),
  },
  { additionalProperties: false },
);
export type IncidentTransitionRequest = Static<typeof IncidentTransitionRequestSchema>;
