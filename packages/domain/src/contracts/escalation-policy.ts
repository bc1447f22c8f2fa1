import { Type, type Static } from 'typebox';

const uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description !== undefined && { description }) });
const dateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description !== undefined && { description }) });

/** What a step of an escalation policy names: a contact, or whoever is on call in a schedule. */
export const EscalationTargetKind = { contact: 'contact', schedule: 'schedule' } as const;
export type EscalationTargetKind = (typeof EscalationTargetKind)[keyof typeof EscalationTargetKind];

/** One contact of the unit, reached directly. */
export const ContactTargetSchema = Type.Object(
  { kind: Type.Literal(EscalationTargetKind.contact), contactId: uuid('A contact of the unit') },
  { additionalProperties: false },
);
export type ContactTarget = Static<typeof ContactTargetSchema>;

/** Whoever is on call in one of the unit's schedules when the step is reached. */
export const ScheduleTargetSchema = Type.Object(
  {
    kind: Type.Literal(EscalationTargetKind.schedule),
    scheduleId: uuid('A schedule of the unit in use'),
  },
  { additionalProperties: false },
);
export type ScheduleTarget = Static<typeof ScheduleTargetSchema>;

/** Who a step notifies. */
export const EscalationTargetSchema = Type.Union([ContactTargetSchema, ScheduleTargetSchema]);
export type EscalationTarget = Static<typeof EscalationTargetSchema>;

/** One step: who is notified together, and how long to wait for an acknowledgement. */
export const EscalationStepSchema = Type.Object(
  {
    waitMinutes: Type.Integer({
      minimum: 1,
      maximum: 1_440,
      description: 'How long to wait after notifying this step before the next one',
    }),
    requireAll: Type.Boolean({
      description: 'Every target must acknowledge, not just one of them',
    }),
    targets: Type.Array(EscalationTargetSchema, {
      minItems: 1,
      maxItems: 20,
      description: 'Notified together; each at most once in a step',
    }),
  },
  { additionalProperties: false },
);
export type EscalationStep = Static<typeof EscalationStepSchema>;

const policyName = Type.String({ minLength: 1, maxLength: 200 });
const repeat = Type.Integer({
  minimum: 0,
  maximum: 9,
  description: 'How many more times the whole policy runs after its last step',
});
const steps = Type.Array(EscalationStepSchema, {
  minItems: 1,
  maxItems: 20,
  description: 'In the order they are run',
});

/** How a unit is reached: ordered steps, repeated, until someone acknowledges. */
export const EscalationPolicySchema = Type.Object({
  id: uuid(),
  unitId: uuid(),
  name: policyName,
  repeat,
  steps,
  createdAt: dateTime(),
  updatedAt: dateTime(),
  archivedAt: Type.Optional(
    dateTime('Set when the policy was archived: it stays known to the journal, but is not offered'),
  ),
});
export type EscalationPolicy = Static<typeof EscalationPolicySchema>;

/** A unit's escalation policies in use, by name. */
export const EscalationPolicyListSchema = Type.Object({
  policies: Type.Array(EscalationPolicySchema),
});
export type EscalationPolicyList = Static<typeof EscalationPolicyListSchema>;

/** A new escalation policy of a unit; its targets are the unit's contacts and schedules. */
export const CreateEscalationPolicySchema = Type.Object(
  { name: policyName, repeat: Type.Optional(repeat), steps },
  { additionalProperties: false },
);
export type CreateEscalationPolicy = Static<typeof CreateEscalationPolicySchema>;

/** A change of a policy, at least one field; `expectedUpdatedAt` guards against a stale view. */
export const UpdateEscalationPolicySchema = Type.Object(
  {
    changes: Type.Object(
      {
        name: Type.Optional(policyName),
        repeat: Type.Optional(repeat),
        steps: Type.Optional(steps),
      },
      { additionalProperties: false, minProperties: 1 },
    ),
    expectedUpdatedAt: dateTime(
      'The updatedAt the console showed; a different one means someone else changed it',
    ),
  },
  { additionalProperties: false },
);
export type UpdateEscalationPolicy = Static<typeof UpdateEscalationPolicySchema>;
