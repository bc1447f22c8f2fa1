import { describe, expect, it } from 'vitest';
import {
  IncidentStatus,
  JournalKind,
  Severity,
  type Incident,
  type IncidentDetail,
  type JournalEntry,
} from '@vaka/domain';
import { createConsoleStore } from './console-store.ts';
import {
  buildIncident,
  buildSituation,
  incidentOpenedEntry,
  incidentUpdatedEntry,
  reportReceivedEntry,
} from '../test-support/factories.ts';

const T0 = Date.UTC(2025, 0, 15, 9, 0);

function noteEntry(seq: number, incidentId: string, text: string): JournalEntry {
  return {
    seq,
    recordedAt: new Date(T0 + seq * 1_000).toISOString(),
    actor: 'tib',
    kind: JournalKind.noteAdded,
    incidentId,
    data: { text, keyEvent: false, public: false },
  };
}

function mergedEntry(seq: number, duplicate: Incident, into: Incident): JournalEntry {
  return {
    seq,
    recordedAt: new Date(T0 + seq * 1_000).toISOString(),
    actor: 'tib',
    kind: JournalKind.incidentMerged,
    incidentId: duplicate.id,
    data: {
      incident: { ...duplicate, status: IncidentStatus.closed, mergedInto: into.id },
      into,
      reportIds: [],
      reason: 'Same fire',
    },
  };
}

/** A loaded detail of the incident as of `asOfSeq`, its opening its only entry. */
function detailOf(incident: Incident, asOfSeq: number): IncidentDetail {
  return {
    incident,
    reports: [],
    mergedFrom: [],
    entries: [incidentOpenedEntry(1, incident)],
    asOfSeq,
  };
}

function openedStore(incident: Incident, asOfSeq = 5) {
  const store = createConsoleStore();
  store.getState().loadSnapshot(buildSituation(asOfSeq, [incident]), T0);
  store.getState().selectIncident(incident.id);
  store.getState().detailRequested(incident.id);
  store.getState().detailLoaded(detailOf(incident, asOfSeq));
  return store;
}

describe('incident detail slice', () => {
  it('opens an incident with nothing loaded yet, and forgets the detail of the one before', () => {
    const fire = buildIncident();
    const storm = buildIncident();
    const store = openedStore(fire);

    store.getState().selectIncident(storm.id);

    expect(store.getState().selectedIncidentId).toBe(storm.id);
    expect(store.getState().incidentDetail).toMatchObject({ incidentId: storm.id, detail: null });
  });

  it('drops an answer for an incident that is no longer open', () => {
    const fire = buildIncident();
    const storm = buildIncident();
    const store = createConsoleStore();
    store.getState().selectIncident(fire.id);
    store.getState().detailRequested(fire.id);
    store.getState().selectIncident(storm.id);

    store.getState().detailLoaded(detailOf(fire, 3));

    expect(store.getState().incidentDetail).toMatchObject({ incidentId: storm.id, detail: null });
  });

  it('grows the timeline and follows the incident as live entries arrive', () => {
    const fire = buildIncident();
    const store = openedStore(fire);
    const serious = { ...fire, severity: Severity.serious, updatedAt: '2025-01-15T09:10:00.000Z' };

    store
      .getState()
      .applyJournal([noteEntry(6, fire.id, 'Crew on site'), incidentUpdatedEntry(7, serious)], T0);

    const detail = store.getState().incidentDetail?.detail;
    expect(detail?.entries.map((entry) => entry.seq)).toEqual([1, 6, 7]);
    expect(detail?.incident.severity).toBe(Severity.serious);
  });

  it('leaves out entries of other incidents and those this console may not see', () => {
    const fire = buildIncident();
    const other = buildIncident();
    const store = openedStore(fire);
    const before = store.getState().incidentDetail;

    store.getState().applyJournal([noteEntry(6, other.id, 'Elsewhere')], T0);
    store.getState().applyJournal([], T0, 7);

    expect(store.getState().incidentDetail).toBe(before);
  });

  it('adds a report that arrives for the incident, once', () => {
    const fire = buildIncident();
    const store = openedStore(fire);
    const report = reportReceivedEntry(6, fire);

    store.getState().applyJournal([report], T0);
    store.getState().detailChanged({ entry: report });

    const detail = store.getState().incidentDetail?.detail;
    expect(detail?.reports).toHaveLength(1);
    expect(detail?.entries.map((entry) => entry.seq)).toEqual([1, 6]);
  });

  it('keeps entries that arrive while the detail loads and applies those the answer lacks', () => {
    const fire = buildIncident();
    const store = createConsoleStore();
    store.getState().loadSnapshot(buildSituation(5, [fire]), T0);
    store.getState().selectIncident(fire.id);
    store.getState().detailRequested(fire.id);

    store
      .getState()
      .applyJournal([noteEntry(6, fire.id, 'In the answer'), noteEntry(7, fire.id, 'Not yet')], T0);
    store
      .getState()
      .detailLoaded({ ...detailOf(fire, 6), entries: [noteEntry(6, fire.id, 'In the answer')] });

    const detail = store.getState().incidentDetail?.detail;
    expect(detail?.entries.map((entry) => entry.seq)).toEqual([6, 7]);
    expect(store.getState().incidentDetail?.pending).toEqual([]);
  });

  it('asks to load again when another incident is merged into the open one', () => {
    const fire = buildIncident();
    const duplicate = buildIncident();
    const store = openedStore(fire);
    const into = { ...fire, reportCount: 2, updatedAt: '2025-01-15T09:20:00.000Z' };

    store.getState().applyJournal([mergedEntry(6, duplicate, into)], T0);

    const view = store.getState().incidentDetail;
    expect(view?.stale).toBe(true);
    expect(view?.detail?.incident.reportCount).toBe(2);
    expect(view?.detail?.mergedFrom).toEqual([duplicate.id]);
  });

  it('shows the server’s answer to a change at once, and never goes back to an older state', () => {
    const fire = buildIncident();
    const store = openedStore(fire);
    const acknowledged = {
      ...fire,
      status: IncidentStatus.acknowledged,
      updatedAt: '2025-01-15T09:30:00.000Z',
    };

    store.getState().detailChanged({ incident: acknowledged });
    store
      .getState()
      .applyJournal(
        [incidentUpdatedEntry(6, { ...fire, updatedAt: '2025-01-15T09:29:00.000Z' })],
        T0,
      );

    expect(store.getState().incidentDetail?.detail?.incident.status).toBe(
      IncidentStatus.acknowledged,
    );
  });

  it('reloads the detail after a resync, since entries may have been missed', () => {
    const fire = buildIncident();
    const store = openedStore(fire);

    store.getState().loadSnapshot(buildSituation(9, [fire]), T0);

    expect(store.getState().incidentDetail?.stale).toBe(true);
  });

  it('forgets the open incident when the situation is cleared', () => {
    const store = openedStore(buildIncident());

    store.getState().clearSituation();

    expect(store.getState()).toMatchObject({ selectedIncidentId: null, incidentDetail: null });
  });
});
