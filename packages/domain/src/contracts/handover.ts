import { Type, type Static } from 'typebox';
import { EscalationSchema } from './escalation.ts';
import { IncidentSchema } from './incident.ts';
import { PublicMessageSchema } from './message.ts';
import { PlannedEventSchema } from './planned-event.ts';
import { ReadinessSchema } from './readiness.ts';

const uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description !== undefined && { description }) });
const dateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description !== undefined && { description }) });

/** An open incident as the handover lists it: its state and the last thing written about it. */
export const HandoverIncidentSchema = Type.Object({
  incident: IncidentSchema,
  lastNote: Type.Optional(
    Type.Object({ text: Type.String(), at: dateTime(), actor: Type.String() }),
  ),
});
export type HandoverIncident = Static<typeof HandoverIncidentSchema>;

/** What the outgoing duty officer hands over, as Vaka gathered it when the draft was made or refreshed. */
export const HandoverPictureSchema = Type.Object({
  gatheredAt: dateTime(),
  readiness: ReadinessSchema,
  incidents: Type.Array(HandoverIncidentSchema, {
    description: 'Open incidents, most severe first',
  }),
  escalations: Type.Array(EscalationSchema, { description: 'Awaiting acknowledgement' }),
  messagesValid: Type.Array(PublicMessageSchema, { description: 'Published and in force' }),
  messagesPending: Type.Array(PublicMessageSchema, {
    description: 'In review or approved, not yet out (scheduled ones included)',
  }),
  plannedEvents: Type.Array(PlannedEventSchema, { description: 'In the next 24 hours' }),
});
export type HandoverPicture = Static<typeof HandoverPictureSchema>;

export const HandoverStatus = { draft: 'draft', confirmed: 'confirmed' } as const;
export type HandoverStatus = (typeof HandoverStatus)[keyof typeof HandoverStatus];

/**
 * A shift handover: drafted by the outgoing duty officer with free notes, read and confirmed by
 * the incoming one, who is then on duty. Both steps are journalled.
 */
export const HandoverSchema = Type.Object({
  id: uuid(),
  status: Type.Enum(Object.values(HandoverStatus)),
  picture: HandoverPictureSchema,
  notes: Type.String({ maxLength: 20_000 }),
  createdBy: Type.String({ description: 'The outgoing duty officer' }),
  createdAt: dateTime(),
  updatedAt: dateTime(),
  confirmedBy: Type.Optional(
    Type.String({ description: 'The incoming duty officer; never the outgoing' }),
  ),
  confirmedAt: Type.Optional(dateTime()),
});
export type Handover = Static<typeof HandoverSchema>;

export const UpdateHandoverSchema = Type.Object(
  {
    expectedUpdatedAt: dateTime(),
    notes: Type.Optional(Type.String({ maxLength: 20_000 })),
    refresh: Type.Optional(Type.Boolean({ description: 'Gather the picture again, as it is now' })),
  },
  { additionalProperties: false, minProperties: 2 },
);
export type UpdateHandover = Static<typeof UpdateHandoverSchema>;

export const HandoverStepSchema = Type.Object(
  { expectedUpdatedAt: dateTime() },
  { additionalProperties: false },
);
export type HandoverStep = Static<typeof HandoverStepSchema>;

export const HandoverListSchema = Type.Object({
  handovers: Type.Array(HandoverSchema, { description: 'Newest first, at most 50' }),
});
export type HandoverList = Static<typeof HandoverListSchema>;

/** Who is on duty now: whoever confirmed the latest handover, since when; none before the first. */
export const OnDutySchema = Type.Object({
  onDuty: Type.Optional(
    Type.Object({
      username: Type.String(),
      displayName: Type.String(),
      since: dateTime(),
      handoverId: uuid(),
    }),
  ),
});
export type OnDuty = Static<typeof OnDutySchema>;
