import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  ContactChannel,
  JournalKind,
  type CitySettings,
  type Contact,
  type ContactInput,
  type CreateUnit,
  type DistrictCollection,
  type JournalEntry,
  type Unit,
  type UpdateUnit,
} from '@vaka/domain';
import {
  appendJournal,
  findAccountByUsername,
  findActiveUnitByName,
  findUnit,
  insertUnit,
  listAwaitingEscalations,
  listUnitEscalationPolicies,
  listUnitSchedules,
  listUnits,
  lockJournal,
  saveUnit,
  type Database,
  type Executor,
} from '@vaka/db';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.ts';
import { assertCategoryInUse } from '../city/taxonomy.ts';

type EntryOfKind<K extends JournalEntry['kind']> = Extract<JournalEntry, { kind: K }>;

/** What a unit is checked against: the city's categories and its districts. */
export interface UnitSetting {
  city: CitySettings;
  districts: DistrictCollection;
}

/** Units by name; archived ones only when asked for. */
export async function findUnits(database: Database, includeArchived: boolean): Promise<Unit[]> {
  return listUnits(database.db, { includeArchived });
}

/** One unit, archived or not; 404 when there is none. */
export async function getUnit(database: Database, unitId: string): Promise<Unit> {
  const unit = await findUnit(database.db, unitId);
  if (!unit) throw new NotFoundError(`There is no unit ${unitId}`);
  return unit;
}

/**
 * Creates a unit with its contacts, journalled in the same transaction. Refused (400) for a
 * category, district or time zone the city does not know, or a contact that cannot be reached by
 * its preferred channel, and (409) when a unit in use has the same name.
 */
export async function createUnit(
  database: Database,
  setting: UnitSetting,
  request: CreateUnit,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'unit.created'>> {
  const now = at.toISOString();
  const unit: Unit = {
    id: randomUUID(),
    name: unitName(request.name),
    ...(request.description !== undefined &&
      request.description.trim() !== '' && { description: request.description.trim() }),
    categories: checkedCategories(setting.city, request.categories ?? []),
    districtIds: checkedDistrictIds(setting, request.districtIds ?? []),
    timeZone: checkedTimeZone(request.timeZone),
    contacts: checkedContacts(request.contacts ?? [], []),
    createdAt: now,
    updatedAt: now,
  };
  return database.db.transaction(async (tx) => {
    // Under the journal lock, so two admins creating the same unit at once never both succeed.
    await lockJournal(tx);
    await refuseNameInUse(tx, unit);
    await refuseUnknownAccounts(tx, unit.contacts);
    await insertUnit(tx, unit);
    const [entry] = await appendJournal(
      tx,
      [{ kind: JournalKind.unitCreated, actor, data: { unit } }],
      at,
    );
    if (entry?.kind !== JournalKind.unitCreated) throw new Error('the journal lost an entry');
    return entry;
  });
}

/**
 * Changes a unit's fields or its contacts, journalling its new and its previous state. Refused
 * (409) on a stale view, an archived unit or a name in use by another unit, and (400) for what
 * createUnit refuses, a contact id that is not the unit's, or when nothing would change.
 */
export async function updateUnit(
  database: Database,
  setting: UnitSetting,
  unitId: string,
  request: UpdateUnit,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'unit.changed'>> {
  const { changes } = request;
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const current = await findUnit(tx, unitId);
    if (!current) throw new NotFoundError(`There is no unit ${unitId}`);
    refuseArchived(current, 'it cannot be changed');
    if (Date.parse(current.updatedAt) !== Date.parse(request.expectedUpdatedAt)) {
      throw new ConflictError(
        `Someone changed the unit ${current.name} at ${current.updatedAt}, after you loaded it: look at it again and retry`,
      );
    }
    const { description: _description, ...kept } = current;
    const description = changes.description?.trim() ?? current.description;
    const unit: Unit = {
      ...kept,
      ...(description !== undefined && description !== '' && { description }),
      name: changes.name === undefined ? current.name : unitName(changes.name),
      categories:
        changes.categories === undefined
          ? current.categories
          : checkedCategories(setting.city, changes.categories),
      districtIds:
        changes.districtIds === undefined
          ? current.districtIds
          : checkedDistrictIds(setting, changes.districtIds),
      timeZone:
        changes.timeZone === undefined ? current.timeZone : checkedTimeZone(changes.timeZone),
      contacts:
        changes.contacts === undefined
          ? current.contacts
          : checkedContacts(changes.contacts, current.contacts),
    };
    if (isDeepStrictEqual(unit, current)) {
      throw new BadRequestError('Nothing to change: the unit already has these values');
    }
    await refuseRemovingContactsInUse(tx, current, unit);
    await refuseUnknownAccounts(tx, unit.contacts);
    if (unit.name.toLowerCase() !== current.name.toLowerCase()) await refuseNameInUse(tx, unit);
    unit.updatedAt = at.toISOString();
    await saveUnit(tx, unit);
    const [entry] = await appendJournal(
      tx,
      [{ kind: JournalKind.unitChanged, actor, data: { unit, previous: current } }],
      at,
    );
    if (entry?.kind !== JournalKind.unitChanged) throw new Error('the journal lost an entry');
    return entry;
  });
}

/**
 * Refuses (409) to remove a contact that a schedule of the unit rotates, or an escalation policy
 * of the unit names: escalating would then reach nobody, silently.
 */
async function refuseRemovingContactsInUse(tx: Executor, current: Unit, unit: Unit): Promise<void> {
  const kept = new Set(unit.contacts.map((contact) => contact.id));
  const removed = current.contacts.filter((contact) => !kept.has(contact.id));
  if (removed.length === 0) return;
  const uses: string[] = [];
  const schedules = await listUnitSchedules(tx, unit.id);
  const policies = await listUnitEscalationPolicies(tx, unit.id);
  for (const contact of removed) {
    for (const schedule of schedules) {
      if (schedule.schedule.layers.some((layer) => layer.participants.includes(contact.id))) {
        uses.push(`${contact.name} is in the rotation of the schedule ${schedule.name}`);
      }
    }
    for (const policy of policies) {
      const named = policy.steps.some((step) =>
        step.targets.some((target) => target.kind === 'contact' && target.contactId === contact.id),
      );
      if (named) uses.push(`${contact.name} is a target of the escalation policy ${policy.name}`);
    }
  }
  if (uses.length > 0) {
    throw new ConflictError(`${uses.join('; ')}: take them out there first`);
  }
}

/**
 * Archives a unit: it is no longer listed nor offered, and stays readable by id for the journal
 * and the escalations that named it. Refused (409) when it is archived already, and while it has
 * schedules or escalation policies in use or an escalation awaiting its answer: those would go on
 * naming a unit nobody can find.
 */
export async function archiveUnit(
  database: Database,
  unitId: string,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'unit.archived'>> {
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const current = await findUnit(tx, unitId);
    if (!current) throw new NotFoundError(`There is no unit ${unitId}`);
    refuseArchived(current, 'there is nothing more to do');
    await refuseArchivingInUse(tx, current);
    const now = at.toISOString();
    const unit: Unit = { ...current, updatedAt: now, archivedAt: now };
    await saveUnit(tx, unit);
    const [entry] = await appendJournal(
      tx,
      [{ kind: JournalKind.unitArchived, actor, data: { unit } }],
      at,
    );
    if (entry?.kind !== JournalKind.unitArchived) throw new Error('the journal lost an entry');
    return entry;
  });
}

/** Refuses (400) a contact whose account does not exist or is disabled: nobody would see it. */
async function refuseUnknownAccounts(tx: Executor, contacts: readonly Contact[]): Promise<void> {
  for (const [index, contact] of contacts.entries()) {
    if (contact.username === undefined) continue;
    const account = await findAccountByUsername(tx, contact.username);
    if (!account || account.disabled) {
      throw new BadRequestError(
        `contacts[${index}].username: there is no account ${contact.username} in use; use the username the person signs in with`,
      );
    }
  }
}

async function refuseArchivingInUse(tx: Executor, unit: Unit): Promise<void> {
  const awaiting = (await listAwaitingEscalations(tx)).filter((e) => e.unitId === unit.id);
  if (awaiting.length > 0) {
    throw new ConflictError(
      `The unit ${unit.name} is being asked to take ${awaiting.length === 1 ? 'an incident' : `${awaiting.length} incidents`} now: end those escalations first`,
    );
  }
  const uses = [
    ...(await listUnitSchedules(tx, unit.id)).map((schedule) => `the schedule ${schedule.name}`),
    ...(await listUnitEscalationPolicies(tx, unit.id)).map(
      (policy) => `the escalation policy ${policy.name}`,
    ),
  ];
  if (uses.length > 0) {
    throw new ConflictError(
      `The unit ${unit.name} still has ${uses.join(', ')} in use: archive them first`,
    );
  }
}

function refuseArchived(unit: Unit, consequence: string): void {
  if (unit.archivedAt === undefined) return;
  throw new ConflictError(
    `The unit ${unit.name} was archived at ${unit.archivedAt}; ${consequence}`,
  );
}

async function refuseNameInUse(tx: Executor, unit: Unit): Promise<void> {
  const other = await findActiveUnitByName(tx, unit.name);
  if (other && other.id !== unit.id) {
    throw new ConflictError(
      `There is already a unit named ${other.name}: choose another name, or change that unit`,
    );
  }
}

function unitName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new BadRequestError('name: give the unit a name');
  return trimmed;
}

function checkedCategories(city: CitySettings, categories: Unit['categories']): Unit['categories'] {
  for (const category of categories) assertCategoryInUse(city, category);
  return categories;
}

function checkedDistrictIds(setting: UnitSetting, districtIds: string[]): string[] {
  const known = new Set(setting.districts.features.map((feature) => feature.properties.id));
  const unknown = districtIds.find((id) => !known.has(id));
  if (unknown !== undefined) {
    throw new BadRequestError(
      `districtIds: there is no district ${unknown} in ${setting.city.name}; use the ids of GET /api/v1/city/districts`,
    );
  }
  return districtIds;
}

/**
 * The IANA time zone as the runtime names it. NOTE: the runtime's own name is stored (e.g.
 * europe/stockholm becomes Europe/Stockholm), so schedules compare like with like.
 */
function checkedTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new BadRequestError(
      `timeZone: ${timeZone} is not a time zone; use an IANA name such as Europe/Stockholm`,
    );
  }
}

/**
 * The unit's new contacts: a contact with an id keeps it (it must be one of `current`), a new one
 * gets one. Each must be reachable, and by its preferred channel.
 */
function checkedContacts(inputs: readonly ContactInput[], current: readonly Contact[]): Contact[] {
  const currentIds = new Set(current.map((contact) => contact.id));
  const seen = new Set<string>();
  return inputs.map((input, index) => {
    const field = `contacts[${index}]`;
    const name = input.name.trim();
    if (name === '') throw new BadRequestError(`${field}.name: give the contact a name`);
    if (input.id !== undefined) {
      if (!currentIds.has(input.id)) {
        throw new BadRequestError(
          `${field}.id: ${input.id} is not a contact of this unit; leave the id out to add a new contact`,
        );
      }
      if (seen.has(input.id)) {
        throw new BadRequestError(`${field}.id: the contact ${input.id} is listed twice`);
      }
      seen.add(input.id);
    }
    const username = input.username?.trim();
    if (input.phone === undefined && input.email === undefined && !username) {
      throw new BadRequestError(
        `${field}: ${name} needs a phone number, an e-mail address or an account to be reached`,
      );
    }
    if (input.preferredChannel === ContactChannel.console && !username) {
      throw new BadRequestError(
        `${field}.username: ${name} prefers the console, so give the account they sign in with`,
      );
    }
    if (input.preferredChannel === ContactChannel.sms && input.phone === undefined) {
      throw new BadRequestError(`${field}.phone: ${name} prefers SMS, so give a phone number`);
    }
    if (input.preferredChannel === ContactChannel.email && input.email === undefined) {
      throw new BadRequestError(
        `${field}.email: ${name} prefers e-mail, so give an e-mail address`,
      );
    }
    return {
      id: input.id ?? randomUUID(),
      name,
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.email !== undefined && { email: input.email }),
      ...(username && { username }),
      preferredChannel: input.preferredChannel,
      language: input.language,
    };
  });
}
