import { describe, expect, it } from 'vitest';
import { IncidentStatus, JournalKind, type JournalEntry } from '@vaka/domain';
import {
  buildIncident,
  incidentOpenedEntry,
  reportReceivedEntry,
} from '../../test-support/factories.ts';
import { reportSteps } from './report-provenance.ts';

describe('reportSteps', () => {
  it('says a report arrived here', () => {
    const fire = buildIncident();
    const received = reportReceivedEntry(2, fire);
    if (received.kind !== JournalKind.reportReceived) throw new Error('a report entry');

    expect(
      reportSteps(received.data.report.id, fire.id, [incidentOpenedEntry(1, fire), received]),
    ).toEqual([{ kind: 'arrived', at: received.recordedAt }]);
  });

  it('follows a report that arrived in a duplicate and came along with the merge', () => {
    const fire = buildIncident();
    const duplicate = buildIncident({ title: 'Smoke seen from the bridge' });
    const received = reportReceivedEntry(3, duplicate);
    if (received.kind !== JournalKind.reportReceived) throw new Error('a report entry');
    const reportId = received.data.report.id;
    const merged: JournalEntry = {
      seq: 4,
      recordedAt: '2025-01-15T09:30:00.000Z',
      actor: 'tib',
      kind: JournalKind.incidentMerged,
      incidentId: duplicate.id,
      data: {
        incident: { ...duplicate, status: IncidentStatus.closed, mergedInto: fire.id },
        into: fire,
        reportIds: [reportId],
        reason: 'Same fire',
      },
    };

    expect(
      reportSteps(reportId, fire.id, [
        incidentOpenedEntry(1, fire),
        incidentOpenedEntry(2, duplicate),
        received,
        merged,
      ]),
    ).toEqual([
      { kind: 'arrived', at: received.recordedAt, incidentTitle: 'Smoke seen from the bridge' },
      { kind: 'merged', at: '2025-01-15T09:30:00.000Z', fromTitle: 'Smoke seen from the bridge' },
    ]);
  });

  it('says a report was split out of another incident into this one', () => {
    const fire = buildIncident({ title: 'Fire in a school' });
    const split = buildIncident();
    const entry: JournalEntry = {
      seq: 5,
      recordedAt: '2025-01-15T09:40:00.000Z',
      actor: 'tib',
      kind: JournalKind.incidentSplit,
      incidentId: split.id,
      data: { incident: split, from: fire, reportId: 'r1', reason: 'Another fire' },
    };

    expect(reportSteps('r1', split.id, [entry])).toEqual([
      { kind: 'split', at: '2025-01-15T09:40:00.000Z', fromTitle: 'Fire in a school' },
    ]);
  });
});
