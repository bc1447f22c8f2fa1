import { describe, expect, it } from 'vitest';
import { EscalationStatus } from '@vaka/domain';
import {
  buildEscalation,
  buildNotification,
  escalationAcceptedEntry,
  escalationStartedEntry,
  notificationFailedEntry,
} from '../../test-support/escalation-factories.ts';
import { buildIncident, hiddenEntry, incidentOpenedEntry } from '../../test-support/factories.ts';
import { lastEscalationSeq, withLiveStates } from './incident-escalations.ts';

const incidentId = '00000000-0000-4000-8000-000000000001';

describe('withLiveStates', () => {
  it('shows the state of entries journaled after the request, the last one winning, and adds an escalation started since, newest first', () => {
    const older = buildEscalation({ incidentId });
    const fetched = buildEscalation({ incidentId });
    const started = buildEscalation({ incidentId });
    // A message that failed keeps the escalation's updatedAt: only the sequence tells it is newer.
    const failed = { ...fetched, notifications: [buildNotification({ delivery: 'failed' })] };

    const shown = withLiveStates(
      [fetched, older],
      [
        escalationStartedEntry(6, started),
        notificationFailedEntry(7, fetched, 'n1'),
        notificationFailedEntry(8, failed, 'n1'),
      ],
      incidentId,
      5,
    );

    expect(shown).toEqual([started, failed, older]);
  });

  it('keeps the answer over entries journaled before its request, and ignores other incidents', () => {
    const fetched = buildEscalation({ incidentId });
    const before = { ...fetched, status: EscalationStatus.exhausted };
    const elsewhere = buildEscalation({ incidentId: '00000000-0000-4000-8000-000000000999' });

    const shown = withLiveStates(
      [fetched],
      [escalationAcceptedEntry(3, before), escalationStartedEntry(4, elsewhere)],
      incidentId,
      3,
    );

    expect(shown).toEqual([fetched]);
  });
});

describe('lastEscalationSeq', () => {
  it('is the newest escalation entry of the incident, 0 without one', () => {
    const escalation = buildEscalation({ incidentId });
    const other = buildEscalation({ incidentId: '00000000-0000-4000-8000-000000000999' });
    expect(
      lastEscalationSeq([incidentOpenedEntry(1, buildIncident()), hiddenEntry(2)], incidentId),
    ).toBe(0);
    expect(
      lastEscalationSeq(
        [escalationStartedEntry(3, escalation), escalationStartedEntry(9, other)],
        incidentId,
      ),
    ).toBe(3);
  });
});
