import { describe, expect, it } from 'vitest';
import { mergeBySent, mergeDraft, mergeListById, mergeValue, sameValue } from './draft-merge.ts';

interface Contact {
  readonly id?: string;
  readonly name: string;
  readonly phone: string;
  readonly email: string;
}

interface UnitForm {
  readonly name: string;
  readonly timeZone: string;
  readonly categories: readonly string[];
  readonly contacts: readonly Contact[];
}

const desk: Contact = { id: 'c1', name: 'Duty desk', phone: '+46 8 555 010 00', email: '' };
const eva: Contact = { id: 'c2', name: 'Eva Lind', phone: '', email: 'eva.lind@example.org' };
const opened: UnitForm = {
  name: 'Stockholm Water duty',
  timeZone: 'Europe/Stockholm',
  categories: ['water'],
  contacts: [desk, eva],
};

const byId = mergeListById<Contact>(
  (contact) => contact.id,
  ({ name, phone, email }) => ({ name, phone, email }),
);
const mergeUnit = (mine: UnitForm, theirs: UnitForm) =>
  mergeDraft(opened, mine, theirs, { contacts: byId });

describe('sameValue', () => {
  it('compares lists and records field by field, and tells a missing field from an empty one', () => {
    expect(sameValue({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ id: 'c1' }, {})).toBe(false);
    expect(sameValue('', undefined)).toBe(false);
  });
});

describe('mergeValue', () => {
  it('takes theirs for a field left alone, keeps mine for one changed, and says when both changed it', () => {
    expect(mergeValue('a', 'a', 'b')).toEqual({ value: 'b', bothChanged: false });
    expect(mergeValue('a', 'm', 'a')).toEqual({ value: 'm', bothChanged: false });
    expect(mergeValue('a', 'm', 'b')).toEqual({ value: 'm', bothChanged: true });
    // The same change made twice is no clash.
    expect(mergeValue('a', 'm', 'm')).toEqual({ value: 'm', bothChanged: false });
  });
});

describe('mergeBySent', () => {
  interface Row {
    readonly key: string;
    readonly minutes: string;
  }
  const sent = (rows: readonly Row[]) => rows.map((row) => Number(row.minutes.trim()));
  const merge = mergeBySent(sent);
  const opened: Row[] = [{ key: 'stored-0', minutes: '15' }];

  it('counts a row removed and added again the same, or spaces, as no change', () => {
    const theirs: Row[] = [{ key: 'stored-0', minutes: '30' }];
    expect(merge(opened, [{ key: 'new-1', minutes: ' 15' }], theirs)).toEqual({
      value: theirs,
      bothChanged: false,
    });
  });

  it('keeps the rows as typed when they send something else, and says when both changed them', () => {
    const mine: Row[] = [{ key: 'new-1', minutes: '20' }];
    expect(merge(opened, mine, opened)).toEqual({ value: mine, bothChanged: false });
    expect(merge(opened, mine, [{ key: 'stored-0', minutes: '30' }])).toEqual({
      value: mine,
      bothChanged: true,
    });
  });
});

describe('mergeDraft', () => {
  it('keeps what the admin changed and takes the other change of the fields left alone', () => {
    const mine = { ...opened, timeZone: 'Europe/Helsinki' };
    const theirs = { ...opened, name: 'Stockholm Water', categories: ['water', 'flood'] };
    expect(mergeUnit(mine, theirs)).toEqual({
      draft: {
        ...opened,
        name: 'Stockholm Water',
        timeZone: 'Europe/Helsinki',
        categories: ['water', 'flood'],
      },
      bothChanged: [],
    });
  });

  it("keeps the admin's value of a field both changed and names it", () => {
    const mine = { ...opened, name: 'Water duty', timeZone: 'Europe/Helsinki' };
    const theirs = { ...opened, name: 'Stockholm Water', categories: [] };
    expect(mergeUnit(mine, theirs)).toEqual({
      draft: { ...opened, name: 'Water duty', timeZone: 'Europe/Helsinki', categories: [] },
      bothChanged: ['name'],
    });
  });

  it('merges a list as one field unless told otherwise', () => {
    const mine = { ...opened, categories: ['water', 'storm'] };
    const theirs = { ...opened, categories: ['flood'] };
    expect(mergeDraft(opened, mine, theirs)).toEqual({ draft: mine, bothChanged: ['categories'] });
  });
});

describe('mergeListById', () => {
  it("keeps the admin's new phone of one contact and the other's new e-mail of another", () => {
    const mine = { ...opened, contacts: [{ ...desk, phone: '+46 8 555 010 99' }, eva] };
    const theirs = {
      ...opened,
      name: 'Water',
      contacts: [desk, { ...eva, email: 'eva@example.org' }],
    };
    expect(mergeUnit(mine, theirs)).toEqual({
      draft: {
        ...opened,
        name: 'Water',
        contacts: [
          { ...desk, phone: '+46 8 555 010 99' },
          { ...eva, email: 'eva@example.org' },
        ],
      },
      bothChanged: [],
    });
  });

  it('merges one contact field by field, and names the list when both changed the same field', () => {
    const mine = { ...opened, contacts: [{ ...desk, phone: '+46 8 1' }, eva] };
    const theirs = { ...opened, contacts: [{ ...desk, phone: '+46 8 2', name: 'Desk' }, eva] };
    expect(mergeUnit(mine, theirs)).toEqual({
      draft: { ...opened, contacts: [{ ...desk, phone: '+46 8 1', name: 'Desk' }, eva] },
      bothChanged: ['contacts'],
    });
  });

  it('keeps contacts each side added, the added one at its place in their list', () => {
    const ola: Contact = { name: 'Ola', phone: '+46 8 3', email: '' };
    const kim: Contact = { id: 'c3', name: 'Kim', phone: '+46 8 4', email: '' };
    const mine = { ...opened, contacts: [desk, eva, ola] };
    const theirs = { ...opened, contacts: [kim, desk, eva] };
    expect(mergeUnit(mine, theirs).draft.contacts).toEqual([kim, desk, eva, ola]);
  });

  it('drops a contact either removed; one the admin changed but the other removed comes back as new', () => {
    expect(mergeUnit({ ...opened, contacts: [eva] }, { ...opened, contacts: [desk] })).toEqual({
      draft: { ...opened, contacts: [] },
      bothChanged: [],
    });
    const changedDesk = { ...desk, phone: '+46 8 9' };
    expect(
      mergeUnit({ ...opened, contacts: [changedDesk, eva] }, { ...opened, contacts: [eva] }),
    ).toEqual({
      draft: {
        ...opened,
        contacts: [{ name: desk.name, phone: '+46 8 9', email: '' }, eva],
      },
      bothChanged: ['contacts'],
    });
    // Removed here after the other person changed it: removed, and said.
    expect(
      mergeUnit(
        { ...opened, contacts: [eva] },
        {
          ...opened,
          contacts: [
            { ...desk, phone: '+46 8 9' },
            { ...eva, name: 'Eva' },
          ],
        },
      ),
    ).toEqual({
      draft: { ...opened, contacts: [{ ...eva, name: 'Eva' }] },
      bothChanged: ['contacts'],
    });
  });

  it("follows the other's new order unless the admin moved contacts too", () => {
    const changedEva = { ...eva, phone: '+46 8 7' };
    expect(
      mergeUnit({ ...opened, contacts: [desk, changedEva] }, { ...opened, contacts: [eva, desk] })
        .draft.contacts,
    ).toEqual([changedEva, desk]);
    const moved = mergeUnit(
      { ...opened, contacts: [changedEva, desk] },
      { ...opened, contacts: [desk, { ...eva, name: 'Eva' }] },
    );
    expect(moved.draft.contacts).toEqual([{ ...changedEva, name: 'Eva' }, desk]);
    expect(moved.bothChanged).toEqual([]);
  });
});
