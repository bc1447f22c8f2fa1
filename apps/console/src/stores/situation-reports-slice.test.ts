import { describe, expect, it } from 'vitest';
import { JournalKind, type JournalEntry, type SituationReport } from '@vaka/domain';
import { buildIncident, hiddenEntry, incidentOpenedEntry } from '../test-support/factories.ts';
import { createConsoleStore } from './console-store.ts';

const REPORT: SituationReport = {
  id: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99',
  status: 'draft',
  version: 1,
  language: 'sv',
  periodFrom: '2026-11-21T09:00:00.000Z',
  periodTo: '2026-11-22T09:00:00.000Z',
  content: {
    situation: 'Storm över Stockholm.',
    consequences: '',
    actions: '',
    communication: '',
    needs: '',
    outlook: '',
  },
  createdBy: 'tib',
  createdAt: '2026-11-22T09:00:00.000Z',
  updatedAt: '2026-11-22T09:00:00.000Z',
};

function draftedEntry(seq: number): JournalEntry {
  return {
    seq,
    recordedAt: REPORT.createdAt,
    actor: 'tib',
    kind: JournalKind.situationReportDrafted,
    data: { report: REPORT },
  };
}

describe('the situation reports slice', () => {
  it('tells the report screens to read again when a report entry arrives, and not otherwise', () => {
    const store = createConsoleStore();
    const before = store.getState();
    store
      .getState()
      .applySituationReportEntries([incidentOpenedEntry(1, buildIncident()), hiddenEntry(2)]);
    expect(store.getState()).toBe(before);
    store.getState().applySituationReportEntries([draftedEntry(3)]);
    expect(store.getState().situationReportsRevision).toBe(1);
    // A snapshot may have skipped entries: the screens read again.
    store.getState().markSituationReportsStale();
    expect(store.getState().situationReportsRevision).toBe(2);
  });
});
