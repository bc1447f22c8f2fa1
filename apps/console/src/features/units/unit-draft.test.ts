import { describe, expect, it } from 'vitest';
import type { Unit } from '@vaka/domain';
import {
  emptyContact,
  emptyUnitDraft,
  fieldOfRefusal,
  moveContact,
  rebaseUnitDraft,
  shownAt,
  toCreateUnit,
  toUnitDraft,
  unitChanges,
  validateUnitDraft,
  type UnitDraft,
} from './unit-draft.ts';

const waterUtility: Unit = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Water utility',
  categories: ['utility_water'],
  districtIds: [],
  timeZone: 'Europe/Stockholm',
  contacts: [
    {
      id: '00000000-0000-4000-8000-0000000000c1',
      name: 'Duty desk',
      phone: '+46 8 555 010 00',
      preferredChannel: 'sms',
      language: 'sv',
    },
    {
      id: '00000000-0000-4000-8000-0000000000c2',
      name: 'Eva Lind',
      email: 'eva@example.org',
      preferredChannel: 'email',
      language: 'en',
    },
  ],
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-02T08:00:00.000Z',
};

function draftWithContacts(...contacts: Partial<UnitDraft['contacts'][number]>[]): UnitDraft {
  return {
    ...emptyUnitDraft('Europe/Stockholm'),
    name: 'Rescue service',
    contacts: contacts.map((contact) => ({ ...emptyContact('sv'), ...contact })),
  };
}

describe('a new unit', () => {
  it('is sent trimmed, without empty optional fields, its contacts in the order shown', () => {
    const draft = draftWithContacts(
      { name: ' Desk ', phone: ' +46 8 555 000 ' },
      { name: 'Olle', email: 'olle@example.org ', preferredChannel: 'email', language: 'en' },
    );
    expect(toCreateUnit({ ...draft, name: ' Rescue service ', description: '  ' })).toEqual({
      name: 'Rescue service',
      categories: [],
      districtIds: [],
      timeZone: 'Europe/Stockholm',
      contacts: [
        { name: 'Desk', phone: '+46 8 555 000', preferredChannel: 'sms', language: 'sv' },
        { name: 'Olle', email: 'olle@example.org', preferredChannel: 'email', language: 'en' },
      ],
    });
  });

  it('is stopped with a message at the field that keeps it from going', () => {
    expect(validateUnitDraft({ ...emptyUnitDraft(''), contacts: [] })).toEqual({
      name: { messageKey: 'nameRequired' },
      timeZone: { messageKey: 'timeZoneRequired' },
    });
    expect(
      validateUnitDraft(
        draftWithContacts(
          { name: 'Desk', phone: '+46 8 555 000' },
          { name: '', email: 'x@example.org' },
          { name: 'Nobody' },
          { name: 'Olle', phone: 'call me' },
          { name: 'Kommunikatören', email: 'kib@example.org', preferredChannel: 'console' },
          { name: 'Kommunikatören', username: 'kib', preferredChannel: 'console' },
        ),
      ),
    ).toEqual({
      'contacts[1].name': { messageKey: 'contactNameRequired' },
      'contacts[1].phone': { messageKey: 'phoneRequired' },
      'contacts[2]': { messageKey: 'contactUnreachable' },
      'contacts[3].phone': { messageKey: 'phoneInvalid' },
      'contacts[4].username': { messageKey: 'usernameRequired' },
    });
  });

  it('sends the account of a contact reached in the console', () => {
    const draft = draftWithContacts({
      name: 'Kommunikatören',
      username: ' kib ',
      preferredChannel: 'console',
    });
    expect(toCreateUnit(draft).contacts).toEqual([
      { name: 'Kommunikatören', username: 'kib', preferredChannel: 'console', language: 'sv' },
    ]);
  });
});

describe('a change of a unit', () => {
  it('sends only what changed, and nothing when nothing did', () => {
    const draft = toUnitDraft(waterUtility);
    expect(unitChanges(waterUtility, draft)).toBeNull();
    expect(unitChanges(waterUtility, { ...draft, timeZone: 'Europe/Helsinki' })).toEqual({
      timeZone: 'Europe/Helsinki',
    });
  });

  it('sends the whole contact list, keeping ids, when one contact changes', () => {
    const draft = toUnitDraft(waterUtility);
    const [desk, eva] = draft.contacts;
    if (desk === undefined || eva === undefined) throw new Error('two contacts expected');
    const changes = unitChanges(waterUtility, {
      ...draft,
      contacts: [{ ...desk, phone: '+46 8 555 010 99' }, eva],
    });
    expect(changes?.contacts).toEqual([
      { ...waterUtility.contacts[0], phone: '+46 8 555 010 99' },
      waterUtility.contacts[1],
    ]);
  });

  it('sends a new order of the contacts', () => {
    const draft = toUnitDraft(waterUtility);
    const reordered = moveContact(draft.contacts, waterUtility.contacts[1]?.id ?? '', -1);
    expect(
      unitChanges(waterUtility, { ...draft, contacts: reordered })?.contacts?.map((c) => c.name),
    ).toEqual(['Eva Lind', 'Duty desk']);
    expect(moveContact(reordered, reordered[0]?.key ?? '', -1)).toEqual(reordered);
  });
});

describe('a refusal of the server', () => {
  it('shows next to the field it names', () => {
    expect(fieldOfRefusal('contacts[1].phone: Eva prefers SMS, so give a phone number')).toBe(
      'contacts[1].phone',
    );
    expect(
      fieldOfRefusal('contacts[0]: Nobody needs a phone number or an e-mail address to be reached'),
    ).toBe('contacts[0]');
    expect(fieldOfRefusal('name: give the unit a name')).toBe('name');
    expect(fieldOfRefusal('body/changes/contacts/2/email must match format "email"')).toBe(
      'contacts[2].email',
    );
    expect(fieldOfRefusal('body/timeZone must NOT have fewer than 1 characters')).toBe('timeZone');
    expect(shownAt('contacts[1].id')).toBe('contacts[1]');
  });

  it('names no field for a sentence about the unit as a whole', () => {
    expect(fieldOfRefusal('There is already a unit named Water utility')).toBeNull();
    expect(fieldOfRefusal('body must NOT have additional properties')).toBeNull();
  });
});

describe('after someone else saved the unit', () => {
  const [desk, eva] = waterUtility.contacts as [Unit['contacts'][0], Unit['contacts'][0]];
  const renamed: Unit = {
    ...waterUtility,
    name: 'Stockholm Water',
    contacts: [desk, { ...eva, email: 'eva.lind@example.org' }],
    updatedAt: '2026-11-02T09:00:00.000Z',
  };

  it('saving again sends only what this admin changed, so the other change stays', () => {
    const typed = toUnitDraft(waterUtility);
    const [deskRow, evaRow] = typed.contacts as [
      UnitDraft['contacts'][0],
      UnitDraft['contacts'][0],
    ];
    const draft = { ...typed, contacts: [{ ...deskRow, phone: '+46 8 555 010 99' }, evaRow] };
    const rebased = rebaseUnitDraft(waterUtility, draft, renamed);
    expect(rebased.bothChanged).toEqual([]);
    expect(rebased.draft.name).toBe('Stockholm Water');
    expect(unitChanges(renamed, rebased.draft)).toEqual({
      contacts: [
        { ...desk, phone: '+46 8 555 010 99' },
        { ...eva, email: 'eva.lind@example.org' },
      ],
    });
  });

  it('names a field both changed and keeps what this admin typed in it', () => {
    const draft = { ...toUnitDraft(waterUtility), name: 'Water duty' };
    const rebased = rebaseUnitDraft(waterUtility, draft, renamed);
    expect(rebased.bothChanged).toEqual(['name']);
    expect(unitChanges(renamed, rebased.draft)).toEqual({ name: 'Water duty' });
  });

  it('adds again, as a new contact, one the other removed after this admin changed it', () => {
    const typed = toUnitDraft(waterUtility);
    const draft = {
      ...typed,
      contacts: typed.contacts.map((row) => (row.id === eva.id ? { ...row, name: 'Eva' } : row)),
    };
    const removed: Unit = { ...waterUtility, contacts: [desk], updatedAt: renamed.updatedAt };
    const rebased = rebaseUnitDraft(waterUtility, draft, removed);
    expect(rebased.bothChanged).toEqual(['contacts']);
    const { id: _id, ...added } = { ...eva, name: 'Eva' };
    expect(unitChanges(removed, rebased.draft)).toEqual({ contacts: [desk, added] });
  });
});
