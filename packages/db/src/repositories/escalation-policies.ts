import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { EscalationPolicy } from '@vaka/domain';
import { escalationPolicies } from '../schema/index.ts';
import type { Executor } from './journal.ts';

type EscalationPolicyRow = typeof escalationPolicies.$inferSelect;

/** Stores a new escalation policy. */
export async function insertEscalationPolicy(
  tx: Executor,
  policy: EscalationPolicy,
): Promise<void> {
  await tx.insert(escalationPolicies).values(toRow(policy));
}

/** Stores the new name, repeat, steps and times of an escalation policy. */
export async function saveEscalationPolicy(tx: Executor, policy: EscalationPolicy): Promise<void> {
  await tx
    .update(escalationPolicies)
    .set(toRow(policy))
    .where(eq(escalationPolicies.id, policy.id));
}

/** One escalation policy by id, archived or not. */
export async function findEscalationPolicy(
  db: Executor,
  id: string,
): Promise<EscalationPolicy | undefined> {
  const [row] = await db.select().from(escalationPolicies).where(eq(escalationPolicies.id, id));
  return row && toPolicy(row);
}

/** A unit's escalation policies in use, by name. */
export async function listUnitEscalationPolicies(
  db: Executor,
  unitId: string,
): Promise<EscalationPolicy[]> {
  const rows = await db
    .select()
    .from(escalationPolicies)
    .where(and(eq(escalationPolicies.unitId, unitId), isNull(escalationPolicies.archivedAt)))
    .orderBy(asc(sql`lower(${escalationPolicies.name})`), asc(escalationPolicies.id));
  return rows.map(toPolicy);
}

function toRow(policy: EscalationPolicy): EscalationPolicyRow {
  return {
    id: policy.id,
    unitId: policy.unitId,
    name: policy.name,
    repeat: policy.repeat,
    steps: policy.steps,
    createdAt: new Date(policy.createdAt),
    updatedAt: new Date(policy.updatedAt),
    archivedAt: policy.archivedAt === undefined ? null : new Date(policy.archivedAt),
  };
}

function toPolicy(row: EscalationPolicyRow): EscalationPolicy {
  return {
    id: row.id,
    unitId: row.unitId,
    name: row.name,
    repeat: row.repeat,
    steps: row.steps,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(row.archivedAt !== null && { archivedAt: row.archivedAt.toISOString() }),
  };
}
