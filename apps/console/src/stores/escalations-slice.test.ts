import { describe, expect, it } from 'vitest';
import { DeliveryStatus, EscalationStatus } from '@vaka/domain';
import { AlarmKind } from '../features/escalations/escalation-alarm.ts';
import {
  buildEscalation,
  buildNotification,
  escalationAcceptedEntry,
  escalationExhaustedEntry,
  escalationStartedEntry,
  notificationFailedEntry,
} from '../test-support/escalation-factories.ts';
import { buildIncident, incidentOpenedEntry } from '../test-support/factories.ts';
import { createConsoleStore } from './console-store.ts';

describe('escalations slice', () => {
  it('starts from the snapshot and keeps escalations while they await, forgetting them once taken', () => {
    const store = createConsoleStore();
    const waiting = buildEscalation();
    store.getState().loadEscalations([waiting]);
    expect([...store.getState().awaitingEscalations.keys()]).toEqual([waiting.id]);

    const started = buildEscalation();
    store.getState().applyEscalationEntries([escalationStartedEntry(2, started)]);
    expect([...store.getState().awaitingEscalations.keys()]).toEqual([waiting.id, started.id]);

    store.getState().applyEscalationEntries([escalationAcceptedEntry(3, waiting)]);
    expect([...store.getState().awaitingEscalations.keys()]).toEqual([started.id]);
  });

  it('keeps an escalation that ran out, and raises an alarm naming its unit and incident', () => {
    const store = createConsoleStore();
    const escalation = buildEscalation({ unitName: 'Water duty' });
    store.getState().loadEscalations([escalation]);

    store.getState().applyEscalationEntries([escalationExhaustedEntry(4, escalation)]);

    expect(store.getState().awaitingEscalations.get(escalation.id)?.status).toBe(
      EscalationStatus.exhausted,
    );
    expect(store.getState().escalationAlarms).toMatchObject([
      {
        kind: AlarmKind.exhausted,
        escalationId: escalation.id,
        incidentId: escalation.incidentId,
        unitName: 'Water duty',
        live: true,
      },
    ]);
  });

  it('raises an alarm for a message that failed for good, not for one that will be tried again', () => {
    const store = createConsoleStore();
    const sms = buildNotification({ delivery: DeliveryStatus.failed, attempts: 3 });
    const escalation = buildEscalation({ notifications: [sms] });
    store.getState().loadEscalations([]);

    store
      .getState()
      .applyEscalationEntries([notificationFailedEntry(5, escalation, sms.id, false)]);
    expect(store.getState().escalationAlarms).toEqual([]);

    store.getState().applyEscalationEntries([notificationFailedEntry(6, escalation, sms.id, true)]);
    expect(store.getState().escalationAlarms).toMatchObject([
      {
        kind: AlarmKind.deliveryFailed,
        contactName: 'Eva Lind',
        channel: 'sms',
        address: '+46 70 555 01 23',
        error: 'SMS gateway answered 400',
      },
    ]);
  });

  it('keeps a dismissed alarm dismissed, also when a resync brings the same trouble again', () => {
    const store = createConsoleStore();
    const escalation = buildEscalation();
    store.getState().loadEscalations([escalation]);
    store.getState().applyEscalationEntries([escalationExhaustedEntry(7, escalation)]);
    const [alarm] = store.getState().escalationAlarms;
    if (alarm === undefined) throw new Error('no alarm');

    store.getState().dismissEscalationAlarm(alarm.id);
    store.getState().loadEscalations([{ ...escalation, status: EscalationStatus.exhausted }]);

    expect(store.getState().escalationAlarms).toEqual([]);
  });

  it('raises alarms for trouble a snapshot shows, so a console opened later does not miss it', () => {
    const store = createConsoleStore();
    const failed = buildNotification({ delivery: DeliveryStatus.failed, lastError: 'no gateway' });
    const sent = buildNotification({ delivery: DeliveryStatus.sent });
    const ranOut = buildEscalation({ status: EscalationStatus.exhausted });
    const failing = buildEscalation({ notifications: [failed, sent] });

    store.getState().loadEscalations([ranOut, failing]);

    const alarms = store.getState().escalationAlarms;
    expect(alarms.map((alarm) => [alarm.kind, alarm.escalationId, alarm.live])).toEqual(
      expect.arrayContaining([
        [AlarmKind.exhausted, ranOut.id, false],
        [AlarmKind.deliveryFailed, failing.id, false],
      ]),
    );
    expect(alarms).toHaveLength(2);
    expect(alarms.find((alarm) => alarm.escalationId === failing.id)?.error).toBe('no gateway');
  });

  it("settles an escalation's alarms once someone takes the case", () => {
    const store = createConsoleStore();
    const escalation = buildEscalation();
    store.getState().loadEscalations([escalation]);
    store.getState().applyEscalationEntries([escalationExhaustedEntry(8, escalation)]);
    expect(store.getState().escalationAlarms).toHaveLength(1);

    store.getState().applyEscalationEntries([escalationAcceptedEntry(9, escalation)]);

    expect(store.getState().escalationAlarms).toEqual([]);
    expect(store.getState().awaitingEscalations.size).toBe(0);
  });

  it('leaves the state alone for entries about other things, and forgets everything on clear', () => {
    const store = createConsoleStore();
    store.getState().loadEscalations([buildEscalation()]);
    const before = store.getState();

    store.getState().applyEscalationEntries([incidentOpenedEntry(10, buildIncident())]);
    expect(store.getState().awaitingEscalations).toBe(before.awaitingEscalations);
    expect(store.getState().escalationAlarms).toBe(before.escalationAlarms);

    store.getState().clearEscalations();
    expect(store.getState().awaitingEscalations.size).toBe(0);
  });
});
