import { Type, type Static } from 'typebox';

const ContactId = Type.String({ format: 'uuid', description: 'A contact of the unit' });
const LocalTime = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
  description: 'Local wall-clock time, HH:MM',
});
const Weekday = Type.Integer({ minimum: 1, maximum: 7, description: '1 is Monday, 7 is Sunday' });

/** How long one participant's turn lasts: a day, a week, or a number of hours. */
export const ShiftLengthSchema = Type.Union([
  Type.Object({ kind: Type.Literal('daily') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('weekly') }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('hours'), hours: Type.Integer({ minimum: 1, maximum: 168 }) },
    { additionalProperties: false },
  ),
]);
export type ShiftLength = Static<typeof ShiftLengthSchema>;

/**
 * A window of the week in which a layer applies, e.g. weekdays 17:00–08:00. `weekdays` name the
 * day the window opens; an `endTime` at or before `startTime` closes it the next day, and equal
 * times make it last a whole day.
 */
export const ScheduleRestrictionSchema = Type.Object(
  {
    weekdays: Type.Array(Weekday, { minItems: 1, maxItems: 7, uniqueItems: true }),
    startTime: LocalTime,
    endTime: LocalTime,
  },
  { additionalProperties: false },
);
export type ScheduleRestriction = Static<typeof ScheduleRestrictionSchema>;

/**
 * One rotation: the participants take turns in order, each for one shift, handing over at
 * `handoffTime` local time. The first participant's turn begins on `startsAt` at `handoffTime`;
 * a weekly rotation then hands over on `handoffWeekday` (the weekday of `startsAt` when absent).
 */
export const ScheduleLayerSchema = Type.Object(
  {
    participants: Type.Array(ContactId, { minItems: 1, maxItems: 100 }),
    shift: ShiftLengthSchema,
    handoffTime: LocalTime,
    handoffWeekday: Type.Optional(Weekday),
    startsAt: Type.String({
      format: 'date',
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
      description: 'Local date the rotation starts on, YYYY-MM-DD',
    }),
    restrictions: Type.Optional(
      Type.Array(ScheduleRestrictionSchema, {
        minItems: 1,
        maxItems: 50,
        description: 'When present, the layer applies only inside these windows',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ScheduleLayer = Static<typeof ScheduleLayerSchema>;

/** Someone takes over for a while ("I take Friday night"); wins over every layer. */
export const ScheduleOverrideSchema = Type.Object(
  {
    contactId: ContactId,
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type ScheduleOverride = Static<typeof ScheduleOverrideSchema>;

/**
 * A unit's on-call schedule, computed in its IANA time zone. A later layer wins over an earlier
 * one where it has someone on call; a later override wins over an earlier one.
 */
export const ScheduleSchema = Type.Object(
  {
    timeZone: Type.String({ minLength: 1, description: 'IANA time zone, e.g. Europe/Stockholm' }),
    layers: Type.Array(ScheduleLayerSchema, { maxItems: 20 }),
    overrides: Type.Array(ScheduleOverrideSchema, { maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type Schedule = Static<typeof ScheduleSchema>;

export const OnCallSource = {
  layer: 'layer',
  override: 'override',
} as const;
export type OnCallSource = (typeof OnCallSource)[keyof typeof OnCallSource];

/** One stretch of the final timeline: who is on call from `from` until `to`, and why. */
export const OnCallShiftSchema = Type.Object({
  contactId: ContactId,
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  source: Type.Enum(Object.values(OnCallSource)),
  layer: Type.Optional(Type.Integer({ minimum: 0, description: 'Index in the schedule layers' })),
});
export type OnCallShift = Static<typeof OnCallShiftSchema>;

/** A stretch of time in which nobody is on call. */
export const OnCallGapSchema = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
});
export type OnCallGap = Static<typeof OnCallGapSchema>;
