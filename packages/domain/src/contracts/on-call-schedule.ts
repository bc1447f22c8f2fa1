import { Type, type Static } from 'typebox';
import {
  OnCallGapSchema,
  OnCallShiftSchema,
  ScheduleLayerSchema,
  ScheduleOverrideSchema,
} from './schedule.ts';

const uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description !== undefined && { description }) });
const dateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description !== undefined && { description }) });

const scheduleName = Type.String({ minLength: 1, maxLength: 200 });
const timeZone = Type.String({
  minLength: 1,
  maxLength: 100,
  description: 'IANA time zone the schedule runs in, e.g. Europe/Stockholm',
});
const layers = Type.Array(ScheduleLayerSchema, {
  maxItems: 20,
  description: 'Rotations; a later layer wins over an earlier one where it has someone on call',
});
const note = Type.String({ maxLength: 500, description: 'Why, e.g. "swapped with Anna"' });

/** A stored override: who takes over when, with who entered it; removable by its id. */
export const UnitScheduleOverrideSchema = Type.Object({
  id: uuid(),
  ...ScheduleOverrideSchema.properties,
  note: Type.Optional(note),
  createdBy: Type.String({ description: 'Who entered it' }),
  createdAt: dateTime(),
});
export type UnitScheduleOverride = Static<typeof UnitScheduleOverrideSchema>;

/**
 * One on-call schedule of a unit: its rotations, and the overrides in force, in the order they
 * were entered (a later one wins over an earlier one).
 */
export const UnitScheduleSchema = Type.Object({
  id: uuid(),
  unitId: uuid(),
  name: scheduleName,
  schedule: Type.Object({
    timeZone,
    layers,
    overrides: Type.Array(UnitScheduleOverrideSchema),
  }),
  createdAt: dateTime(),
  updatedAt: dateTime('Changes with the name, time zone or layers; not with overrides'),
  archivedAt: Type.Optional(dateTime('Set when the schedule was archived')),
});
export type UnitSchedule = Static<typeof UnitScheduleSchema>;

/** A unit's schedules in use, by name. */
export const UnitScheduleListSchema = Type.Object({ schedules: Type.Array(UnitScheduleSchema) });
export type UnitScheduleList = Static<typeof UnitScheduleListSchema>;

/** A new schedule of a unit; its participants are contacts of the unit. */
export const CreateUnitScheduleSchema = Type.Object(
  {
    name: scheduleName,
    timeZone: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: "IANA time zone, e.g. Europe/Stockholm; the unit's when absent",
      }),
    ),
    layers,
  },
  { additionalProperties: false },
);
export type CreateUnitSchedule = Static<typeof CreateUnitScheduleSchema>;

/** A change of a schedule, at least one field; `expectedUpdatedAt` guards against a stale view. */
export const UpdateUnitScheduleSchema = Type.Object(
  {
    changes: Type.Object(
      {
        name: Type.Optional(scheduleName),
        timeZone: Type.Optional(timeZone),
        layers: Type.Optional(layers),
      },
      { additionalProperties: false, minProperties: 1 },
    ),
    expectedUpdatedAt: dateTime(
      'The updatedAt the console showed; a different one means someone else changed it',
    ),
  },
  { additionalProperties: false },
);
export type UpdateUnitSchedule = Static<typeof UpdateUnitScheduleSchema>;

/** Someone takes over for a while ("I take Friday night"); `from` before `to`. */
export const CreateOverrideSchema = Type.Object(
  { ...ScheduleOverrideSchema.properties, note: Type.Optional(note) },
  { additionalProperties: false },
);
export type CreateOverride = Static<typeof CreateOverrideSchema>;

/** The time range of an on-call answer: now to 14 days ahead unless given, at most 31 days. */
export const OnCallQuerySchema = Type.Object(
  {
    from: Type.Optional(dateTime('Start of the range; now when absent')),
    to: Type.Optional(dateTime('End of the range; 14 days after its start when absent')),
  },
  { additionalProperties: false },
);
export type OnCallQuery = Static<typeof OnCallQuerySchema>;

/** Who is on call in one schedule: the timeline of the range, now, next, and the coming gaps. */
export const ScheduleOnCallSchema = Type.Object({
  scheduleId: uuid(),
  name: scheduleName,
  timeZone,
  shifts: Type.Array(OnCallShiftSchema, { description: 'Who is on call in the range, in order' }),
  now: Type.Optional(
    Type.Object(OnCallShiftSchema.properties, {
      description: 'Who is on call now, with the whole stretch around now',
    }),
  ),
  next: Type.Optional(
    Type.Object(OnCallShiftSchema.properties, {
      description: 'The first turn after the current one, within 14 days',
    }),
  ),
  gaps: Type.Array(OnCallGapSchema, {
    description: 'When nobody is on call in this schedule in the next 24 hours',
  }),
});
export type ScheduleOnCall = Static<typeof ScheduleOnCallSchema>;

/** Who answers for a unit: per schedule in use, and when nobody at all does in the next 24 hours. */
export const UnitOnCallSchema = Type.Object({
  unitId: uuid(),
  from: dateTime(),
  to: dateTime(),
  asOf: dateTime('The "now" of `now`, `next` and the gaps'),
  schedules: Type.Array(ScheduleOnCallSchema),
  gaps: Type.Array(OnCallGapSchema, {
    description:
      'When nobody is on call for the unit in any schedule in the next 24 hours: a warning for the duty officer',
  }),
});
export type UnitOnCall = Static<typeof UnitOnCallSchema>;
