import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  EscalationTargetKind,
  JournalKind,
  type CreateEscalationPolicy,
  type EscalationPolicy,
  type EscalationStep,
  type EscalationTarget,
  type JournalEntry,
  type Unit,
  type UpdateEscalationPolicy,
} from '@vaka/domain';
import {
  appendJournal,
  findEscalationPolicy,
  findSchedule,
  findUnit,
  insertEscalationPolicy,
  listUnitEscalationPolicies,
  lockJournal,
  saveEscalationPolicy,
  type Database,
  type Executor,
} from '@vaka/db';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.ts';

type EntryOfKind<K extends JournalEntry['kind']> = Extract<JournalEntry, { kind: K }>;

/** A unit's escalation policies in use, by name; 404 when there is no such unit. */
export async function findUnitEscalationPolicies(
  database: Database,
  unitId: string,
): Promise<EscalationPolicy[]> {
  await existingUnit(database.db, unitId);
  return listUnitEscalationPolicies(database.db, unitId);
}

/** One escalation policy, archived or not; 404 when there is none. */
export async function getEscalationPolicy(
  database: Database,
  policyId: string,
): Promise<EscalationPolicy> {
  return existingPolicy(database.db, policyId);
}

/**
 * Creates an escalation policy of a unit, journalled in the same transaction. Refused (400) for a
 * blank name, a target that is not a contact or a schedule in use of the unit, or one named twice
 * in a step, and (409) for an archived unit.
 */
export async function createEscalationPolicy(
  database: Database,
  unitId: string,
  request: CreateEscalationPolicy,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'escalation_policy.created'>> {
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const unit = await existingUnit(tx, unitId);
    refuseArchivedUnit(unit);
    const now = at.toISOString();
    const policy: EscalationPolicy = {
      id: randomUUID(),
      unitId,
      name: policyName(request.name),
      repeat: request.repeat ?? 0,
      steps: await checkedSteps(tx, unit, request.steps),
      createdAt: now,
      updatedAt: now,
    };
    await insertEscalationPolicy(tx, policy);
    const [entry] = await appendJournal(
      tx,
      [{ kind: JournalKind.escalationPolicyCreated, actor, data: { policy } }],
      at,
    );
    if (entry?.kind !== JournalKind.escalationPolicyCreated) {
      throw new Error('the journal lost an entry');
    }
    return entry;
  });
}

/**
 * Changes a policy's name, repeat or steps, journalling its new and previous state. Refused (409)
 * on a stale view or an archived policy or unit, and (400) for what createEscalationPolicy refuses
 * or when nothing would change.
 */
export async function updateEscalationPolicy(
  database: Database,
  policyId: string,
  request: UpdateEscalationPolicy,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'escalation_policy.changed'>> {
  const { changes } = request;
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const current = await existingPolicy(tx, policyId);
    refuseArchivedPolicy(current, 'it cannot be changed');
    const unit = await existingUnit(tx, current.unitId);
    refuseArchivedUnit(unit);
    if (Date.parse(current.updatedAt) !== Date.parse(request.expectedUpdatedAt)) {
      throw new ConflictError(
        `Someone changed the escalation policy ${current.name} at ${current.updatedAt}, after you loaded it: look at it again and retry`,
      );
    }
    const policy: EscalationPolicy = {
      ...current,
      name: changes.name === undefined ? current.name : policyName(changes.name),
      repeat: changes.repeat ?? current.repeat,
      steps:
        changes.steps === undefined ? current.steps : await checkedSteps(tx, unit, changes.steps),
    };
    if (isDeepStrictEqual(policy, current)) {
      throw new BadRequestError(
        'Nothing to change: the escalation policy already has these values',
      );
    }
    policy.updatedAt = at.toISOString();
    await saveEscalationPolicy(tx, policy);
    const [entry] = await appendJournal(
      tx,
      [{ kind: JournalKind.escalationPolicyChanged, actor, data: { policy, previous: current } }],
      at,
    );
    if (entry?.kind !== JournalKind.escalationPolicyChanged) {
      throw new Error('the journal lost an entry');
    }
    return entry;
  });
}

/** Archives a policy: no new escalation runs by it. Refused (409) when it is already. */
export async function archiveEscalationPolicy(
  database: Database,
  policyId: string,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'escalation_policy.archived'>> {
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const current = await existingPolicy(tx, policyId);
    refuseArchivedPolicy(current, 'there is nothing more to do');
    const now = at.toISOString();
    const policy: EscalationPolicy = { ...current, updatedAt: now, archivedAt: now };
    await saveEscalationPolicy(tx, policy);
    const [entry] = await appendJournal(
      tx,
      [{ kind: JournalKind.escalationPolicyArchived, actor, data: { policy } }],
      at,
    );
    if (entry?.kind !== JournalKind.escalationPolicyArchived) {
      throw new Error('the journal lost an entry');
    }
    return entry;
  });
}

async function existingUnit(db: Executor, unitId: string): Promise<Unit> {
  const unit = await findUnit(db, unitId);
  if (!unit) throw new NotFoundError(`There is no unit ${unitId}`);
  return unit;
}

async function existingPolicy(db: Executor, policyId: string): Promise<EscalationPolicy> {
  const policy = await findEscalationPolicy(db, policyId);
  if (!policy) throw new NotFoundError(`There is no escalation policy ${policyId}`);
  return policy;
}

function refuseArchivedUnit(unit: Unit): void {
  if (unit.archivedAt === undefined) return;
  throw new ConflictError(
    `The unit ${unit.name} was archived at ${unit.archivedAt}; its escalation policies cannot be changed`,
  );
}

function refuseArchivedPolicy(policy: EscalationPolicy, consequence: string): void {
  if (policy.archivedAt === undefined) return;
  throw new ConflictError(
    `The escalation policy ${policy.name} was archived at ${policy.archivedAt}; ${consequence}`,
  );
}

function policyName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new BadRequestError('name: give the escalation policy a name');
  return trimmed;
}

/** The steps as given, once every target is a contact or a schedule in use of the unit. */
async function checkedSteps(
  db: Executor,
  unit: Unit,
  steps: EscalationStep[],
): Promise<EscalationStep[]> {
  for (const [index, step] of steps.entries()) {
    const seen = new Set<string>();
    for (const [position, target] of step.targets.entries()) {
      const field = `steps[${index}].targets[${position}]`;
      const key = targetKey(target);
      if (seen.has(key)) {
        throw new BadRequestError(
          `${field}: the step already names this ${target.kind}; name each target once in a step`,
        );
      }
      seen.add(key);
      await refuseStrangerTarget(db, unit, target, field);
    }
  }
  return steps;
}

async function refuseStrangerTarget(
  db: Executor,
  unit: Unit,
  target: EscalationTarget,
  field: string,
): Promise<void> {
  if (target.kind === EscalationTargetKind.contact) {
    if (unit.contacts.some((contact) => contact.id === target.contactId)) return;
    throw new BadRequestError(
      `${field}: ${target.contactId} is not a contact of the unit ${unit.name}; use the ids of its contacts`,
    );
  }
  const schedule = await findSchedule(db, target.scheduleId);
  if (schedule === undefined || schedule.unitId !== unit.id) {
    throw new BadRequestError(
      `${field}: ${target.scheduleId} is not a schedule of the unit ${unit.name}; use the ids of its schedules`,
    );
  }
  if (schedule.archivedAt !== undefined) {
    throw new BadRequestError(
      `${field}: the schedule ${schedule.name} was archived at ${schedule.archivedAt}; nobody is on call through it, choose a schedule in use`,
    );
  }
}

function targetKey(target: EscalationTarget): string {
  return target.kind === EscalationTargetKind.contact
    ? `contact:${target.contactId}`
    : `schedule:${target.scheduleId}`;
}
