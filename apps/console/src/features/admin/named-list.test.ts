import { describe, expect, it } from 'vitest';
import { withCreated, withSaved, type NamedItem } from './named-list.ts';

const nights: NamedItem = { id: '1', name: 'Nätter' };
const days = { id: '2', name: 'Dagar' };

describe('an admin list of named items', () => {
  it('puts a new item in its place by name, in the person’s language', () => {
    expect(withCreated([days], { id: '3', name: 'Ärenden' }, 'sv').map((i) => i.name)).toEqual([
      'Dagar',
      'Ärenden',
    ]);
    expect(withCreated([nights], days, 'sv')).toEqual([days, nights]);
  });

  it('shows a saved item’s new state, and drops one archived', () => {
    const renamed = { ...nights, name: 'Nattjour' };
    expect(withSaved([days, nights], renamed)).toEqual([days, renamed]);
    expect(withSaved([days, nights], { ...nights, archivedAt: '2026-11-22T08:00:00Z' })).toEqual([
      days,
    ]);
  });
});
