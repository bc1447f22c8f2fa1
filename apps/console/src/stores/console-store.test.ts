import { describe, expect, it } from 'vitest';
import { IncidentStatus, JournalKind, Severity, type JournalEntry } from '@vaka/domain';
import { createConsoleStore } from './console-store.ts';
import { HIGHLIGHT_MS } from './incidents-slice.ts';
import {
  buildIncident,
  buildSituation,
  buildUser,
  incidentOpenedEntry,
  incidentUpdatedEntry,
  reportReceivedEntry,
} from '../test-support/factories.ts';

const T0 = Date.UTC(2025, 0, 15, 9, 0);

describe('incidents slice', () => {
  it('shows the incidents of the first snapshot without highlighting any of them', () => {
    const store = createConsoleStore();
    const fire = buildIncident();
    const storm = buildIncident();

    store.getState().loadSnapshot(buildSituation(7, [storm, fire]), T0);

    const state = store.getState();
    expect([...state.incidents.keys()].sort()).toEqual([fire.id, storm.id].sort());
    expect(state.recentlyChanged.size).toBe(0);
    expect(state.lastAppliedSeq).toBe(7);
    expect(state.situationLoaded).toBe(true);
  });

  it('adds an opened incident, highlights it as new, and records the sequence', () => {
    const store = createConsoleStore();
    store.getState().loadSnapshot(buildSituation(0, []), T0);
    const fire = buildIncident({ title: 'Fire in a school' });

    store.getState().applyJournal([incidentOpenedEntry(1, fire)], T0 + 1);

    const state = store.getState();
    expect(state.incidents.get(fire.id)?.title).toBe('Fire in a school');
    expect(state.recentlyChanged.get(fire.id)).toEqual({ kind: 'opened', at: T0 + 1 });
    expect(state.lastAppliedSeq).toBe(1);
  });

  it('replaces the map on every change, so components selecting it re-render', () => {
    const store = createConsoleStore();
    const fire = buildIncident();
    store.getState().loadSnapshot(buildSituation(1, [fire]), T0);
    const before = store.getState().incidents;

    store
      .getState()
      .applyJournal([incidentUpdatedEntry(2, { ...fire, severity: Severity.critical })], T0);

    const after = store.getState().incidents;
    expect(after).not.toBe(before);
    expect(before.get(fire.id)?.severity).toBe(Severity.moderate);
    expect(after.get(fire.id)?.severity).toBe(Severity.critical);
  });

  it('highlights an updated incident as updated', () => {
    const store = createConsoleStore();
    const fire = buildIncident();
    store.getState().loadSnapshot(buildSituation(1, [fire]), T0);

    store
      .getState()
      .applyJournal([incidentUpdatedEntry(2, { ...fire, status: IncidentStatus.inProgress })], T0);

    expect(store.getState().recentlyChanged.get(fire.id)?.kind).toBe('updated');
  });

  it('removes a closed incident from the list and from the highlights', () => {
    const store = createConsoleStore();
    store.getState().loadSnapshot(buildSituation(0, []), T0);
    const fire = buildIncident();
    store.getState().applyJournal([incidentOpenedEntry(1, fire)], T0);

    store
      .getState()
      .applyJournal([incidentUpdatedEntry(2, { ...fire, status: IncidentStatus.closed })], T0);

    expect(store.getState().incidents.has(fire.id)).toBe(false);
    expect(store.getState().recentlyChanged.has(fire.id)).toBe(false);
    expect(store.getState().lastAppliedSeq).toBe(2);
  });

  it('lets highlights fade after a few seconds', () => {
    const store = createConsoleStore();
    store.getState().loadSnapshot(buildSituation(0, []), T0);
    const fire = buildIncident();
    store.getState().applyJournal([incidentOpenedEntry(1, fire)], T0);

    store.getState().expireHighlights(T0 + HIGHLIGHT_MS - 1);
    expect(store.getState().recentlyChanged.has(fire.id)).toBe(true);

    store.getState().expireHighlights(T0 + HIGHLIGHT_MS);
    expect(store.getState().recentlyChanged.has(fire.id)).toBe(false);
  });

  it('after a resync, highlights what changed while the console was away and drops what closed', () => {
    const store = createConsoleStore();
    const unchanged = buildIncident({ title: 'Unchanged' });
    const changed = buildIncident({ title: 'Changed' });
    const closed = buildIncident({ title: 'Closed meanwhile' });
    store.getState().loadSnapshot(buildSituation(3, [unchanged, changed, closed]), T0);
    const arrived = buildIncident({ title: 'Arrived meanwhile' });

    store
      .getState()
      .loadSnapshot(
        buildSituation(9, [
          unchanged,
          { ...changed, updatedAt: '2025-01-15T09:30:00.000Z' },
          arrived,
        ]),
        T0 + 1_000,
      );

    const state = store.getState();
    expect([...state.incidents.values()].map((incident) => incident.title).sort()).toEqual([
      'Arrived meanwhile',
      'Changed',
      'Unchanged',
    ]);
    expect(Object.fromEntries(state.recentlyChanged)).toEqual({
      [changed.id]: { kind: 'updated', at: T0 + 1_000 },
      [arrived.id]: { kind: 'opened', at: T0 + 1_000 },
    });
    expect(state.lastAppliedSeq).toBe(9);
  });
});

describe('connection slice', () => {
  it('keeps when the connection was lost while reconnecting and offline, and clears it when live', () => {
    const store = createConsoleStore();
    const lostAt = new Date(T0);

    store.getState().setConnectionStatus({ status: 'reconnecting', since: lostAt });
    expect(store.getState()).toMatchObject({
      connectionStatus: 'reconnecting',
      offlineSince: lostAt,
    });

    store.getState().setConnectionStatus({ status: 'offline', since: lostAt });
    expect(store.getState()).toMatchObject({ connectionStatus: 'offline', offlineSince: lostAt });

    store.getState().setConnectionStatus({ status: 'live', since: null });
    expect(store.getState()).toMatchObject({ connectionStatus: 'live', offlineSince: null });
  });
});

describe('journal entries that change no incident', () => {
  it('advance the sequence without re-rendering the list', () => {
    const store = createConsoleStore();
    const fire = buildIncident();
    store.getState().loadSnapshot(buildSituation(1, [fire]), T0);
    const before = store.getState();

    store.getState().applyJournal([reportReceivedEntry(2, fire)], T0);

    expect(store.getState().lastAppliedSeq).toBe(2);
    expect(store.getState().incidents).toBe(before.incidents);
    expect(store.getState().recentlyChanged).toBe(before.recentlyChanged);
  });
});

describe('entries this console may not see', () => {
  it('still move the sequence on, so a snapshot after a resync is compared with the right one', () => {
    const store = createConsoleStore();
    const fire = buildIncident();
    store.getState().loadSnapshot(buildSituation(1, [fire]), T0);
    const before = store.getState().incidents;

    store.getState().applyJournal([], T0, 3);
    expect(store.getState().lastAppliedSeq).toBe(3);
    expect(store.getState().incidents).toBe(before);

    const storm = buildIncident();
    store.getState().applyJournal([incidentOpenedEntry(4, storm)], T0, 6);
    expect(store.getState().lastAppliedSeq).toBe(6);
    expect(store.getState().incidents.has(storm.id)).toBe(true);
  });
});

describe('security entries on the stream of an admin with a console role', () => {
  it('change no incident and highlight nothing', () => {
    const store = createConsoleStore();
    store.getState().loadSnapshot(buildSituation(1, [buildIncident()]), T0);
    const before = store.getState();
    const userCreated: JournalEntry = {
      seq: 2,
      recordedAt: '2025-01-15T09:00:00.000Z',
      actor: 'admin',
      kind: JournalKind.userCreated,
      data: { user: buildUser() },
    };

    store.getState().applyJournal([userCreated], T0);

    expect(store.getState().lastAppliedSeq).toBe(2);
    expect(store.getState().incidents).toBe(before.incidents);
    expect(store.getState().recentlyChanged).toBe(before.recentlyChanged);
  });
});

describe('clearSituation', () => {
  it('forgets the incidents and the sequence, so the next snapshot starts afresh', () => {
    const store = createConsoleStore();
    store.getState().loadSnapshot(buildSituation(5, [buildIncident()]), T0);

    store.getState().clearSituation();

    expect(store.getState()).toMatchObject({ lastAppliedSeq: null, situationLoaded: false });
    expect(store.getState().incidents.size).toBe(0);
  });
});
