import { and, asc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Contact, Unit } from '@vaka/domain';
import { unitContacts, units } from '../schema/index.ts';
import type { Executor } from './journal.ts';

type UnitRow = typeof units.$inferSelect;
type ContactRow = typeof unitContacts.$inferSelect;

/** Stores a new unit with its contacts. */
export async function insertUnit(tx: Executor, unit: Unit): Promise<void> {
  await tx.insert(units).values(toUnitRow(unit));
  await saveContacts(tx, unit);
}

/**
 * Stores the new state of a unit: its fields, and its contacts in their new order. A contact left
 * out is marked removed rather than deleted, so whatever named it can still find it.
 */
export async function saveUnit(tx: Executor, unit: Unit): Promise<void> {
  await tx.update(units).set(toUnitRow(unit)).where(eq(units.id, unit.id));
  const kept = unit.contacts.map((contact) => contact.id);
  await tx
    .update(unitContacts)
    .set({ removedAt: new Date(unit.updatedAt) })
    .where(
      and(
        eq(unitContacts.unitId, unit.id),
        isNull(unitContacts.removedAt),
        ...(kept.length > 0 ? [notInArray(unitContacts.id, kept)] : []),
      ),
    );
  await saveContacts(tx, unit);
}

/** One unit by id, archived or not, with its current contacts. */
export async function findUnit(db: Executor, id: string): Promise<Unit | undefined> {
  const [row] = await db.select().from(units).where(eq(units.id, id));
  if (!row) return undefined;
  return toUnit(row, await currentContacts(db, [id]));
}

/** The unit in use with this name, in any letter case; archived units free their names. */
export async function findActiveUnitByName(db: Executor, name: string): Promise<Unit | undefined> {
  const [row] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(isNull(units.archivedAt), sql`lower(${units.name}) = lower(${name})`));
  return row && findUnit(db, row.id);
}

/** Units by name, with their current contacts; archived ones only when asked for. */
export async function listUnits(
  db: Executor,
  options: { includeArchived: boolean },
): Promise<Unit[]> {
  const rows = await db
    .select()
    .from(units)
    .where(options.includeArchived ? undefined : isNull(units.archivedAt))
    .orderBy(asc(sql`lower(${units.name})`), asc(units.id));
  const contacts = await currentContacts(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toUnit(row, contacts));
}

/** The contacts in use of these units, in their order. */
async function currentContacts(db: Executor, unitIds: string[]): Promise<ContactRow[]> {
  if (unitIds.length === 0) return [];
  return db
    .select()
    .from(unitContacts)
    .where(and(inArray(unitContacts.unitId, unitIds), isNull(unitContacts.removedAt)))
    .orderBy(asc(unitContacts.position));
}

/** Inserts the unit's contacts, or updates the ones it already had, in the unit's order. */
async function saveContacts(tx: Executor, unit: Unit): Promise<void> {
  if (unit.contacts.length === 0) return;
  await tx
    .insert(unitContacts)
    .values(unit.contacts.map((contact, position) => toContactRow(unit.id, contact, position)))
    .onConflictDoUpdate({
      target: unitContacts.id,
      set: {
        position: sql`excluded.position`,
        name: sql`excluded.name`,
        phone: sql`excluded.phone`,
        email: sql`excluded.email`,
        username: sql`excluded.username`,
        preferredChannel: sql`excluded.preferred_channel`,
        language: sql`excluded.language`,
        removedAt: null,
      },
      // A contact's id never moves it to another unit.
      setWhere: eq(unitContacts.unitId, unit.id),
    });
}

function toUnitRow(unit: Unit): UnitRow {
  return {
    id: unit.id,
    name: unit.name,
    description: unit.description ?? null,
    categories: unit.categories,
    districtIds: unit.districtIds,
    timeZone: unit.timeZone,
    createdAt: new Date(unit.createdAt),
    updatedAt: new Date(unit.updatedAt),
    archivedAt: unit.archivedAt === undefined ? null : new Date(unit.archivedAt),
  };
}

function toContactRow(unitId: string, contact: Contact, position: number): ContactRow {
  return {
    id: contact.id,
    unitId,
    position,
    name: contact.name,
    phone: contact.phone ?? null,
    email: contact.email ?? null,
    username: contact.username ?? null,
    preferredChannel: contact.preferredChannel,
    language: contact.language,
    removedAt: null,
  };
}

function toUnit(row: UnitRow, contacts: readonly ContactRow[]): Unit {
  return {
    id: row.id,
    name: row.name,
    ...(row.description !== null && { description: row.description }),
    categories: row.categories,
    districtIds: row.districtIds,
    timeZone: row.timeZone,
    contacts: contacts.filter((contact) => contact.unitId === row.id).map(toContact),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(row.archivedAt !== null && { archivedAt: row.archivedAt.toISOString() }),
  };
}

function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    name: row.name,
    ...(row.phone !== null && { phone: row.phone }),
    ...(row.email !== null && { email: row.email }),
    ...(row.username !== null && { username: row.username }),
    preferredChannel: row.preferredChannel,
    language: row.language,
  };
}
