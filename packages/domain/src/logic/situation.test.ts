import { describe, expect, it } from 'vitest';
import { JournalKind, type JournalEntry } from '../contracts/journal.ts';
import type { Incident } from '../contracts/incident.ts';
import { buildIncident } from '../../../../tests/support/factories.ts';
import { applyJournalEntries, sortIncidentsNewestFirst } from './situation.ts';

function incident(id: string, overrides: Partial<Incident> = {}): Incident {
  return buildIncident({ id, ...overrides });
}

let seq = 0;
function entry(
  kind: typeof JournalKind.incidentOpened | typeof JournalKind.incidentUpdated,
  value: Incident,
): JournalEntry {
  seq += 1;
  return {
    seq,
    recordedAt: value.updatedAt,
    actor: 'test',
    kind,
    incidentId: value.id,
    data: { incident: value },
  };
}

describe('applyJournalEntries', () => {
  it('adds opened incidents and replaces updated ones with their new state', () => {
    const opened = incident('a');
    const updated = incident('a', { status: 'in_progress', severity: 'critical' });
    const result = applyJournalEntries(new Map(), [
      entry(JournalKind.incidentOpened, opened),
      entry(JournalKind.incidentOpened, incident('b')),
      entry(JournalKind.incidentUpdated, updated),
    ]);
    expect([...result.keys()]).toEqual(['a', 'b']);
    expect(result.get('a')).toEqual(updated);
  });

  it('drops an incident once it is closed', () => {
    const start = applyJournalEntries(new Map(), [
      entry(JournalKind.incidentOpened, incident('a')),
    ]);
    const result = applyJournalEntries(start, [
      entry(JournalKind.incidentUpdated, incident('a', { status: 'closed' })),
    ]);
    expect(result.size).toBe(0);
    expect(start.size).toBe(1); // the old map is untouched
  });

  it('returns the same map when nothing in the entries changes an incident', () => {
    const start = applyJournalEntries(new Map(), [
      entry(JournalKind.incidentOpened, incident('a')),
    ]);
    expect(applyJournalEntries(start, [])).toBe(start);
  });
});

describe('sortIncidentsNewestFirst', () => {
  it('puts the most recently opened incident first', () => {
    const sorted = sortIncidentsNewestFirst([
      incident('old', { openedAt: '2026-11-22T06:00:00.000Z' }),
      incident('new', { openedAt: '2026-11-22T09:00:00.000Z' }),
      incident('mid', { openedAt: '2026-11-22T07:30:00.000Z' }),
    ]);
    expect(sorted.map((i) => i.id)).toEqual(['new', 'mid', 'old']);
  });
});
