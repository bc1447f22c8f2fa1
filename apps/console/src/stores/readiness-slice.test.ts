import { describe, expect, it } from 'vitest';
import { JournalKind, ReadinessLevel, type JournalEntry, type Readiness } from '@vaka/domain';
import { buildIncident, hiddenEntry, incidentOpenedEntry } from '../test-support/factories.ts';
import { createConsoleStore } from './console-store.ts';

function readinessChanged(
  seq: number,
  readiness: Readiness,
  previous: ReadinessLevel,
): JournalEntry {
  return {
    seq,
    recordedAt: readiness.changedAt ?? '2025-01-15T09:00:00.000Z',
    actor: readiness.changedBy ?? 'system',
    kind: JournalKind.readinessChanged,
    data: { readiness, previous },
  };
}

describe('readiness slice', () => {
  it('starts from the snapshot and follows changes in the journal, the last one winning', () => {
    const store = createConsoleStore();
    expect(store.getState().readiness).toBeNull();
    store.getState().loadReadiness({ level: ReadinessLevel.normal });

    const reinforced: Readiness = {
      level: ReadinessLevel.reinforced,
      reason: 'Storm warning class 2',
      changedAt: '2025-01-15T09:00:00.000Z',
      changedBy: 'Tove Lind',
    };
    const staff: Readiness = { ...reinforced, level: ReadinessLevel.staffMode, reason: 'Flooding' };
    store
      .getState()
      .applyReadinessEntries([
        readinessChanged(1, reinforced, ReadinessLevel.normal),
        incidentOpenedEntry(2, buildIncident()),
        readinessChanged(3, staff, ReadinessLevel.reinforced),
      ]);

    expect(store.getState().readiness).toEqual(staff);
  });

  it('leaves the state alone for entries that change no level', () => {
    const store = createConsoleStore();
    store.getState().loadReadiness({ level: ReadinessLevel.normal });
    const before = store.getState().readiness;

    store.getState().applyReadinessEntries([incidentOpenedEntry(1, buildIncident())]);
    store.getState().applyReadinessEntries([hiddenEntry(2)]);

    expect(store.getState().readiness).toBe(before);
  });

  it('is forgotten when the situation is', () => {
    const store = createConsoleStore();
    store.getState().loadReadiness({ level: ReadinessLevel.crisisLeadership });
    store.getState().clearReadiness();
    expect(store.getState().readiness).toBeNull();
  });
});
