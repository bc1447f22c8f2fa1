import { describe, expect, it } from 'vitest';
import type { Escalation } from '../contracts/escalation.ts';
import { JournalKind, type JournalEntry } from '../contracts/journal.ts';
import type { PublicMessage } from '../contracts/message.ts';
import { buildIncident } from '../../../../tests/support/factories.ts';
import { keyEventsFrom, messageHeadline, toKeyEvent } from './key-events.ts';

const incident = buildIncident({ severity: 'moderate' });
const at = (minute: number) => `2026-11-22T09:${String(minute).padStart(2, '0')}:00.000Z`;
const head = (seq: number) => ({ seq, recordedAt: at(seq), actor: 'anna' });
const onIncident = (seq: number) => ({ ...head(seq), incidentId: incident.id });

const note = (seq: number, keyEvent: boolean, eventAt?: string): JournalEntry => ({
  ...onIncident(seq),
  kind: JournalKind.noteAdded,
  data: {
    text: `note ${seq}`,
    keyEvent,
    public: false,
    ...(eventAt !== undefined && { eventAt }),
  },
});
const flag = (seq: number, target: number, keyEvent: boolean): JournalEntry => ({
  ...onIncident(seq),
  kind: JournalKind.entryFlagged,
  data: { seq: target, keyEvent },
});
const correction = (seq: number, target: number, eventAt?: string): JournalEntry => ({
  ...onIncident(seq),
  kind: JournalKind.entryCorrected,
  data: { seq: target, text: `right text ${seq}`, ...(eventAt !== undefined && { eventAt }) },
});
const opened = (seq: number, severity: 'moderate' | 'serious' | 'critical'): JournalEntry => ({
  ...onIncident(seq),
  kind: JournalKind.incidentOpened,
  data: { incident: { ...incident, severity, title: `opened ${severity}`, openedAt: at(seq) } },
});
const updated = (
  seq: number,
  change: {
    severity?: ['minor' | 'moderate' | 'serious', 'moderate' | 'serious' | 'critical'];
    transition?: 'close' | 'start';
  },
): JournalEntry => ({
  ...onIncident(seq),
  kind: JournalKind.incidentUpdated,
  data: {
    incident: {
      ...incident,
      ...(change.severity !== undefined && { severity: change.severity[1] }),
      ...(change.transition === 'close' && { status: 'closed' as const }),
    },
    ...(change.transition !== undefined && { transition: change.transition, reason: 'done' }),
    ...(change.severity !== undefined && { previous: { severity: change.severity[0] } }),
  },
});

const escalation: Escalation = {
  id: '00000000-0000-4000-8000-000000000400',
  incidentId: incident.id,
  unitId: '00000000-0000-4000-8000-000000000401',
  unitName: 'Stockholm Vatten',
  policyId: '00000000-0000-4000-8000-000000000402',
  policyName: 'Dygnet runt',
  steps: [],
  repeat: 0,
  brief: 'Ta över avstängningen',
  status: 'active',
  round: 0,
  step: 0,
  notifications: [],
  skipped: [],
  startedAt: at(0),
  startedBy: 'anna',
  updatedAt: at(0),
};

function message(overrides: Partial<PublicMessage> = {}): PublicMessage {
  const variant = (language: 'sv' | 'en', headline: string) => ({
    language,
    headline,
    description: '',
    instruction: '',
    sms: '',
    push: '',
    social: '',
  });
  return {
    id: '00000000-0000-4000-8000-000000000500',
    version: 1,
    status: 'published',
    incidentId: incident.id,
    category: 'utility_water',
    urgency: 'Immediate',
    severity: 'Moderate',
    certainty: 'Observed',
    area: { description: 'Södermalm', districtIds: [] },
    effective: at(0),
    expires: '2026-11-22T20:00:00.000Z',
    issuer: 'Stockholms stad',
    exercise: false,
    variants: [variant('sv', 'Vattenläcka på Götgatan'), variant('en', 'Water leak on Götgatan')],
    author: 'kib',
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

describe('keyEventsFrom', () => {
  it('takes notes flagged as key events, by themselves or later, the last flag winning', () => {
    const events = keyEventsFrom(
      [note(1, true), note(2, false), note(3, false), flag(4, 2, true), flag(5, 1, false)],
      'sv',
    );
    expect(events.map((event) => [event.seq, event.kind, event.text])).toEqual([
      [2, 'note', 'note 2'],
    ]);
  });

  it('gives a note its latest correction’s text and time, and orders by when it happened', () => {
    const events = keyEventsFrom(
      [
        opened(1, 'serious'),
        note(2, true, at(0)),
        correction(3, 2),
        correction(4, 2, at(5)),
        note(6, true),
      ],
      'sv',
    );
    expect(events.map((event) => [event.seq, event.at, event.text])).toEqual([
      [1, at(1), 'opened serious'],
      [2, at(5), 'right text 4'],
      [6, at(6), 'note 6'],
    ]);
    const [, corrected] = events;
    expect(corrected).toMatchObject({ kind: 'note', incidentId: incident.id, actor: 'anna' });
  });

  it('keeps a correction of a note that is not a key event out', () => {
    expect(keyEventsFrom([note(1, false), correction(2, 1)], 'sv')).toEqual([]);
  });

  it('takes incidents opened or raised to serious or critical, and incidents closed', () => {
    const events = keyEventsFrom(
      [
        opened(1, 'moderate'),
        opened(2, 'critical'),
        updated(3, { severity: ['minor', 'moderate'] }),
        updated(4, { severity: ['moderate', 'serious'] }),
        updated(5, { severity: ['serious', 'critical'] }),
        updated(6, { transition: 'start' }),
        updated(7, { transition: 'close' }),
      ],
      'en',
    );
    expect(events.map((event) => [event.seq, event.kind, event.severity])).toEqual([
      [2, 'incident_opened', 'critical'],
      [4, 'incident_raised', 'serious'],
      [5, 'incident_raised', 'critical'],
      [7, 'incident_closed', 'moderate'],
    ]);
  });

  it('names the readiness level in the language asked for, with the reason', () => {
    const entry: JournalEntry = {
      ...head(1),
      kind: JournalKind.readinessChanged,
      data: {
        readiness: { level: 'staff_mode', reason: 'Stormen Alfrida', changedAt: at(1) },
        previous: 'normal',
      },
    };
    expect(keyEventsFrom([entry], 'sv')[0]).toMatchObject({
      kind: 'readiness_changed',
      text: 'Stabsläge: Stormen Alfrida',
      level: 'staff_mode',
    });
    expect(keyEventsFrom([entry], 'cs')[0]?.text).toBe('Krizový štáb svolán: Stormen Alfrida');
  });

  it('takes escalations started, accepted and run out, naming the unit', () => {
    const events = keyEventsFrom(
      [
        { ...onIncident(1), kind: JournalKind.escalationStarted, data: { escalation } },
        {
          ...onIncident(2),
          kind: JournalKind.escalationStepNotified,
          data: { escalation, round: 0, step: 1, reason: 'timeout' },
        },
        {
          ...onIncident(3),
          kind: JournalKind.escalationAccepted,
          data: { escalation, by: 'Bo Berg', via: 'phone' },
        },
        { ...onIncident(4), kind: JournalKind.escalationExhausted, data: { escalation } },
      ],
      'sv',
    );
    expect(events.map((event) => [event.kind, event.text])).toEqual([
      ['escalation_started', 'Stockholm Vatten: Ta över avstängningen'],
      ['escalation_accepted', 'Stockholm Vatten: Bo Berg'],
      ['escalation_exhausted', 'Stockholm Vatten: Ta över avstängningen'],
    ]);
  });

  it('takes messages published and withdrawn, in the language asked for, marking an exercise', () => {
    const events = keyEventsFrom(
      [
        { ...onIncident(1), kind: JournalKind.messagePublished, data: { message: message() } },
        {
          ...head(2),
          kind: JournalKind.messagePublished,
          data: { message: message({ exercise: true, incidentId: undefined }) },
        },
        {
          ...onIncident(3),
          kind: JournalKind.messageWithdrawn,
          data: { message: message({ status: 'withdrawn' }), reason: 'Läckan är lagad' },
        },
      ],
      'en',
    );
    expect(events.map((event) => [event.kind, event.text, event.exercise])).toEqual([
      ['message_published', 'Water leak on Götgatan', false],
      ['message_published', 'EXERCISE: Water leak on Götgatan', true],
      ['message_withdrawn', 'Water leak on Götgatan (Läckan är lagad)', false],
    ]);
    expect(events[1]?.incidentId).toBeUndefined();
  });

  it('leaves out what is no key event', () => {
    const signedIn: JournalEntry = {
      ...head(1),
      kind: JournalKind.signedIn,
      data: { userId: 'anna', method: 'password' },
    };
    expect(keyEventsFrom([signedIn, note(2, false)], 'sv')).toEqual([]);
  });
});

describe('messageHeadline', () => {
  it('falls back to the first language that has a headline', () => {
    expect(messageHeadline(message(), 'fi')).toBe('Vattenläcka på Götgatan');
  });
});

describe('toKeyEvent', () => {
  it('keeps only the contract’s fields', () => {
    const [event] = keyEventsFrom([opened(1, 'serious')], 'sv');
    expect(toKeyEvent(event!)).toEqual({
      seq: 1,
      at: at(1),
      kind: 'incident_opened',
      incidentId: incident.id,
      text: 'opened serious',
      actor: 'anna',
    });
  });
});
