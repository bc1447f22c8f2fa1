import { Type, type Static } from 'typebox';

/** The city's mode, from everyday duty up to the central crisis leadership at work. */
export const ReadinessLevel = {
  normal: 'normal',
  reinforced: 'reinforced',
  staffMode: 'staff_mode',
  crisisLeadership: 'crisis_leadership',
} as const;
export type ReadinessLevel = (typeof ReadinessLevel)[keyof typeof ReadinessLevel];
export const READINESS_LEVELS = Object.values(ReadinessLevel);
export const ReadinessLevelSchema = Type.Enum(READINESS_LEVELS);

/** The level in force, who set it, when and why; a city that never changed it is at normal. */
export const ReadinessSchema = Type.Object({
  level: ReadinessLevelSchema,
  reason: Type.Optional(Type.String()),
  changedAt: Type.Optional(Type.String({ format: 'date-time' })),
  changedBy: Type.Optional(Type.String()),
});
export type Readiness = Static<typeof ReadinessSchema>;

/** A change of the readiness level; `expectedLevel` guards against a stale view. */
export const SetReadinessRequestSchema = Type.Object(
  {
    level: ReadinessLevelSchema,
    reason: Type.String({ minLength: 1, maxLength: 2_000, description: 'Why, for the journal' }),
    expectedLevel: Type.Optional(
      Type.Enum(READINESS_LEVELS, { description: 'The level the console showed' }),
    ),
  },
  { additionalProperties: false },
);
export type SetReadinessRequest = Static<typeof SetReadinessRequestSchema>;
