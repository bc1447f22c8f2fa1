import {
  ContactChannel,
  type Category,
  type Contact,
  type ContactInput,
  type CreateUnit,
  type Language,
  type Unit,
  type UnitFields,
} from '@vaka/domain';
import { mergeBySent, mergeDraft, mergeListById, type MergedDraft } from '../admin/draft-merge.ts';

/** The limits of CreateUnitSchema, so the form stops the admin before the server does. */
export const UNIT_LIMITS = {
  name: 200,
  description: 2_000,
  timeZone: 100,
  contactName: 200,
  phone: 50,
  email: 254,
  username: 100,
} as const;

/** What ContactInputSchema accepts as a phone number. */
const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]*$/;

/** A contact row as typed; `key` tells rows apart on screen, `id` names an existing contact. */
export interface ContactDraft {
  readonly key: string;
  readonly id?: string;
  readonly name: string;
  readonly phone: string;
  readonly email: string;
  /** The Vaka account of a contact reached in the console. */
  readonly username: string;
  readonly preferredChannel: ContactChannel;
  readonly language: Language;
}

/** The unit form as typed. */
export interface UnitDraft {
  readonly name: string;
  readonly description: string;
  readonly categories: readonly Category[];
  readonly districtIds: readonly string[];
  readonly timeZone: string;
  readonly contacts: readonly ContactDraft[];
}

/**
 * A message for one field, named as the server names it: `name`, `timeZone`, `contacts[1].phone`,
 * or `contacts[1]` for the contact as a whole. Either a key under `units.errors` or the server's
 * own sentence.
 */
export type FieldError = { readonly messageKey: UnitErrorKey } | { readonly sentence: string };
export type UnitErrorKey =
  | 'nameRequired'
  | 'timeZoneRequired'
  | 'contactNameRequired'
  | 'contactUnreachable'
  | 'phoneRequired'
  | 'emailRequired'
  | 'usernameRequired'
  | 'phoneInvalid'
  | 'emailInvalid';
export type FieldErrors = Readonly<Record<string, FieldError>>;

let nextKey = 0;

/** A key for a new contact row, unique on this page. */
export function newContactKey(): string {
  nextKey += 1;
  return `contact-${nextKey}`;
}

/** An empty contact row. */
export function emptyContact(language: Language): ContactDraft {
  return {
    key: newContactKey(),
    name: '',
    phone: '',
    email: '',
    username: '',
    preferredChannel: ContactChannel.sms,
    language,
  };
}

/** An empty unit form, in the city's time zone. */
export function emptyUnitDraft(timeZone: string): UnitDraft {
  return { name: '', description: '', categories: [], districtIds: [], timeZone, contacts: [] };
}

/** The edit form filled in from the unit. */
export function toUnitDraft(unit: Unit): UnitDraft {
  return {
    name: unit.name,
    description: unit.description ?? '',
    categories: unit.categories,
    districtIds: unit.districtIds,
    timeZone: unit.timeZone,
    contacts: unit.contacts.map(toContactDraft),
  };
}

function toContactDraft(contact: Contact): ContactDraft {
  return {
    key: contact.id,
    id: contact.id,
    name: contact.name,
    phone: contact.phone ?? '',
    email: contact.email ?? '',
    username: contact.username ?? '',
    preferredChannel: contact.preferredChannel,
    language: contact.language,
  };
}

/** Rows with one moved by `offset` places; the list unchanged when it cannot move. */
export function moveRow<T extends { readonly key: string }>(
  rows: readonly T[],
  key: string,
  offset: -1 | 1,
): T[] {
  const from = rows.findIndex((row) => row.key === key);
  const to = from + offset;
  const moved = rows[from];
  if (from < 0 || to < 0 || to >= rows.length || moved === undefined) return [...rows];
  const reordered = rows.filter((row) => row.key !== key);
  reordered.splice(to, 0, moved);
  return reordered;
}

/** The contacts with one moved by `offset` places; the list unchanged when it cannot move. */
export function moveContact(
  contacts: readonly ContactDraft[],
  key: string,
  offset: -1 | 1,
): ContactDraft[] {
  return moveRow(contacts, key, offset);
}

/** What keeps the unit from being sent, by field; an empty object when it can go. */
export function validateUnitDraft(draft: UnitDraft): FieldErrors {
  const errors: Record<string, FieldError> = {};
  if (draft.name.trim() === '') errors.name = { messageKey: 'nameRequired' };
  if (draft.timeZone.trim() === '') errors.timeZone = { messageKey: 'timeZoneRequired' };
  draft.contacts.forEach((contact, index) => {
    const field = `contacts[${index}]`;
    const phone = contact.phone.trim();
    const email = contact.email.trim();
    if (contact.name.trim() === '') errors[`${field}.name`] = { messageKey: 'contactNameRequired' };
    if (phone !== '' && (phone.length < 5 || !PHONE_PATTERN.test(phone))) {
      errors[`${field}.phone`] = { messageKey: 'phoneInvalid' };
    } else if (email !== '' && !/^[^\s@]+@[^\s@]+$/.test(email)) {
      errors[`${field}.email`] = { messageKey: 'emailInvalid' };
    } else if (phone === '' && email === '' && contact.username.trim() === '') {
      errors[field] = { messageKey: 'contactUnreachable' };
    } else if (contact.preferredChannel === ContactChannel.sms && phone === '') {
      errors[`${field}.phone`] = { messageKey: 'phoneRequired' };
    } else if (contact.preferredChannel === ContactChannel.email && email === '') {
      errors[`${field}.email`] = { messageKey: 'emailRequired' };
    } else if (
      contact.preferredChannel === ContactChannel.console &&
      contact.username.trim() === ''
    ) {
      errors[`${field}.username`] = { messageKey: 'usernameRequired' };
    }
  });
  return errors;
}

function toContactInput(contact: ContactDraft): ContactInput {
  const phone = contact.phone.trim();
  const email = contact.email.trim();
  const username = contact.username.trim();
  return {
    ...(contact.id !== undefined && { id: contact.id }),
    name: contact.name.trim(),
    ...(phone !== '' && { phone }),
    ...(email !== '' && { email }),
    ...(username !== '' && { username }),
    preferredChannel: contact.preferredChannel,
    language: contact.language,
  };
}

/** The body of `POST /api/v1/units`. */
export function toCreateUnit(draft: UnitDraft): CreateUnit {
  const description = draft.description.trim();
  return {
    name: draft.name.trim(),
    ...(description !== '' && { description }),
    categories: [...draft.categories],
    districtIds: [...draft.districtIds],
    timeZone: draft.timeZone.trim(),
    contacts: draft.contacts.map(toContactInput),
  };
}

const sameList = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/** The `changes` of `PATCH /api/v1/units/:id`: only what changed, or null when nothing did. */
export function unitChanges(unit: Unit, draft: UnitDraft): UnitFields | null {
  const wanted = toCreateUnit(draft);
  const changes: UnitFields = {};
  if (wanted.name !== unit.name) changes.name = wanted.name;
  if ((wanted.description ?? '') !== (unit.description ?? '')) {
    changes.description = wanted.description ?? '';
  }
  if (!sameList(wanted.categories ?? [], unit.categories)) changes.categories = wanted.categories;
  if (!sameList(wanted.districtIds ?? [], unit.districtIds)) {
    changes.districtIds = wanted.districtIds;
  }
  if (wanted.timeZone !== unit.timeZone) changes.timeZone = wanted.timeZone;
  const current = unit.contacts.map((contact) => toContactInput(toContactDraft(contact)));
  if (!sameList(wanted.contacts ?? [], current)) changes.contacts = wanted.contacts;
  return Object.keys(changes).length === 0 ? null : changes;
}

const trimmed = mergeBySent((text: string) => text.trim());

// A contact is merged by its id, field by field: one admin's new phone and another's new e-mail
// of the same desk, or changes of different contacts, are all kept (see mergeListById).
const mergeContacts = mergeListById<ContactDraft>(
  (contact) => contact.id,
  ({ id: _removed, ...contact }) => ({ ...contact, key: newContactKey() }),
);

/**
 * The form after someone else saved the unit: what this admin changed since `opened` is kept,
 * the rest takes the unit as it is now, so saving again does not undo the other change.
 */
export function rebaseUnitDraft(
  opened: Unit,
  draft: UnitDraft,
  current: Unit,
): MergedDraft<UnitDraft> {
  return mergeDraft(toUnitDraft(opened), draft, toUnitDraft(current), {
    name: trimmed,
    description: trimmed,
    timeZone: trimmed,
    contacts: mergeContacts,
  });
}

/**
 * The field a refusal of the server names, so its sentence shows next to that field: the
 * service's `contacts[1].phone: …` and the schema's `body/changes/contacts/1/phone must …`.
 * Null when the sentence names no field the form has.
 */
export function fieldOfRefusal(message: string): string | null {
  const service =
    /^(name|description|categories|districtIds|timeZone|contacts\[\d+\](?:\.(?:name|phone|email|id|preferredChannel|language))?):/.exec(
      message,
    );
  if (service?.[1] !== undefined) return service[1];
  const schema =
    /^body\/(?:changes\/)?(name|description|categories|districtIds|timeZone|contacts)(?:\/(\d+)(?:\/(name|phone|email|preferredChannel|language))?)?\b/.exec(
      message,
    );
  if (schema?.[1] === undefined) return null;
  if (schema[1] !== 'contacts') return schema[1];
  if (schema[2] === undefined) return null;
  return `contacts[${schema[2]}]${schema[3] === undefined ? '' : `.${schema[3]}`}`;
}

/** Where a field's message shows: a contact's `id` has no field of its own, so its row does. */
export function shownAt(field: string): string {
  return field.replace(/\.id$/, '');
}
