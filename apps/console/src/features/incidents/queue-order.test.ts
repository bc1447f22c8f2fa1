import { describe, expect, it } from 'vitest';
import { IncidentStatus } from '@vaka/domain';
import { buildIncident } from '../../test-support/factories.ts';
import { incidentHref, incidentIdFromHash } from './incident-hash.ts';
import { queueGroups, queueOrder, stepInQueue } from './queue-order.ts';

describe('queueGroups', () => {
  it('puts new reports on top to triage, then those in hand, each in the order given', () => {
    const newest = buildIncident({ title: 'Newest, new' });
    const working = buildIncident({ status: IncidentStatus.inProgress });
    const older = buildIncident({ title: 'Older, new' });
    const watched = buildIncident({ status: IncidentStatus.monitoring });

    const groups = queueGroups([newest, working, older, watched]);

    expect(groups.map((group) => [group.section, group.incidents.map((i) => i.id)])).toEqual([
      ['triage', [newest.id, older.id]],
      ['inHand', [working.id, watched.id]],
    ]);
    expect(queueOrder(groups)).toEqual([newest.id, older.id, working.id, watched.id]);
  });

  it('shows closed incidents a search found last, and leaves out empty parts', () => {
    const closed = buildIncident({ status: IncidentStatus.closed });
    const acknowledged = buildIncident({ status: IncidentStatus.acknowledged });
    expect(queueGroups([closed, acknowledged]).map((group) => group.section)).toEqual([
      'inHand',
      'closed',
    ]);
    expect(queueGroups([])).toEqual([]);
  });
});

describe('stepInQueue', () => {
  const order = ['a', 'b', 'c'];

  it('moves one down or up and stops at the ends', () => {
    expect(stepInQueue(order, 'a', 1)).toBe('b');
    expect(stepInQueue(order, 'b', -1)).toBe('a');
    expect(stepInQueue(order, 'c', 1)).toBe('c');
    expect(stepInQueue(order, 'a', -1)).toBe('a');
  });

  it('starts at the top going down and at the bottom going up', () => {
    expect(stepInQueue(order, null, 1)).toBe('a');
    expect(stepInQueue(order, 'gone', -1)).toBe('c');
    expect(stepInQueue([], null, 1)).toBeNull();
  });
});

describe('incident addresses', () => {
  it('name the incident in the address and read it back', () => {
    const id = '00000000-0000-4000-8000-0000000000ab';
    expect(incidentHref(id)).toBe(`#/incidents/${id}`);
    expect(incidentIdFromHash(incidentHref(id))).toBe(id);
    expect(incidentIdFromHash('#/incidents')).toBeNull();
    expect(incidentIdFromHash('#/users')).toBeNull();
  });
});
