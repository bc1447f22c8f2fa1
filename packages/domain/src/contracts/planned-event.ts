import { Type, type Static } from 'typebox';
import { DistrictRefSchema } from './district.ts';
import { LocationSchema } from './location.ts';

const uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description !== undefined && { description }) });
const dateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description !== undefined && { description }) });

/** What kind of known event it is: a football match, a state visit, a demonstration… */
export const PlannedEventKind = {
  sports: 'sports',
  stateVisit: 'state_visit',
  demonstration: 'demonstration',
  festival: 'festival',
  concert: 'concert',
  other: 'other',
} as const;
export type PlannedEventKind = (typeof PlannedEventKind)[keyof typeof PlannedEventKind];
export const PLANNED_EVENT_KINDS = Object.values(PlannedEventKind);

const title = Type.String({ minLength: 1, maxLength: 200 });
const notes = Type.String({ maxLength: 5_000 });
const expectedCrowd = Type.Integer({
  minimum: 0,
  maximum: 10_000_000,
  description: 'People expected, as the organiser or police estimate',
});
const responsibleUnitIds = Type.Array(uuid(), {
  uniqueItems: true,
  maxItems: 50,
  description: 'The units that answer for it (see /api/v1/units)',
});

/**
 * A known event in the city's calendar — a football match, a state visit, a demonstration, a
 * festival — with its place, time, expected crowd and the units responsible. It appears in the
 * situation picture, the handover and on the map, and incidents can be linked to it.
 */
export const PlannedEventSchema = Type.Object({
  id: uuid(),
  title,
  kind: Type.Enum(PLANNED_EVENT_KINDS),
  startsAt: dateTime(),
  endsAt: dateTime('After startsAt'),
  location: LocationSchema,
  district: Type.Optional(DistrictRefSchema),
  expectedCrowd: Type.Optional(expectedCrowd),
  responsibleUnitIds,
  notes,
  createdAt: dateTime(),
  createdBy: Type.String(),
  updatedAt: dateTime(),
  cancelledAt: Type.Optional(dateTime('Called off: it stays in the calendar, marked')),
  cancelledBy: Type.Optional(Type.String()),
  cancelReason: Type.Optional(Type.String()),
});
export type PlannedEvent = Static<typeof PlannedEventSchema>;

/** The fields of a planned event a duty officer writes. */
export const PlannedEventFieldsSchema = Type.Object(
  {
    title,
    kind: Type.Enum(PLANNED_EVENT_KINDS),
    startsAt: dateTime(),
    endsAt: dateTime(),
    location: LocationSchema,
    expectedCrowd: Type.Optional(expectedCrowd),
    responsibleUnitIds,
    notes,
  },
  { additionalProperties: false },
);
export type PlannedEventFields = Static<typeof PlannedEventFieldsSchema>;

export const CreatePlannedEventSchema = PlannedEventFieldsSchema;
export type CreatePlannedEvent = Static<typeof CreatePlannedEventSchema>;

/** A change of some fields; `expectedCrowd: null` clears it. */
export const UpdatePlannedEventSchema = Type.Object(
  {
    expectedUpdatedAt: dateTime('The updatedAt the change was made on'),
    changes: Type.Object(
      {
        title: Type.Optional(title),
        kind: Type.Optional(Type.Enum(PLANNED_EVENT_KINDS)),
        startsAt: Type.Optional(dateTime()),
        endsAt: Type.Optional(dateTime()),
        location: Type.Optional(LocationSchema),
        expectedCrowd: Type.Optional(Type.Union([expectedCrowd, Type.Null()])),
        responsibleUnitIds: Type.Optional(responsibleUnitIds),
        notes: Type.Optional(notes),
      },
      { additionalProperties: false, minProperties: 1 },
    ),
  },
  { additionalProperties: false },
);
export type UpdatePlannedEvent = Static<typeof UpdatePlannedEventSchema>;

/** Calls an event off, with why. */
export const CancelPlannedEventSchema = Type.Object(
  {
    expectedUpdatedAt: dateTime(),
    reason: Type.String({ minLength: 1, maxLength: 2_000 }),
  },
  { additionalProperties: false },
);
export type CancelPlannedEvent = Static<typeof CancelPlannedEventSchema>;

/** Which events: those overlapping [from, to), soonest first; cancelled ones only when asked. */
export const PlannedEventQuerySchema = Type.Object(
  {
    from: Type.Optional(dateTime('Default: now')),
    to: Type.Optional(dateTime('Default: 14 days after from')),
    cancelled: Type.Optional(Type.Enum(['true', 'false'])),
  },
  { additionalProperties: false },
);
export type PlannedEventQuery = Static<typeof PlannedEventQuerySchema>;

export const PlannedEventListSchema = Type.Object({
  events: Type.Array(PlannedEventSchema),
});
export type PlannedEventList = Static<typeof PlannedEventListSchema>;
