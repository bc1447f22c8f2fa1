import { describe, expect, it } from 'vitest';
import type { Escalation, EscalationNotification } from '../contracts/escalation.ts';
import type { EscalationStep } from '../contracts/escalation-policy.ts';
import type { UnitSchedule } from '../contracts/on-call-schedule.ts';
import type { Contact, Unit } from '../contracts/unit.ts';
import {
  currentStepDeclined,
  nextStepPosition,
  resolveStepTargets,
  stepTaken,
} from './escalation.ts';
import { applyEscalations, sortEscalationsOldestFirst } from './situation.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function contact(n: number, name: string): Contact {
  return { id: id(n), name, phone: `+46 70 555 00 0${n}`, preferredChannel: 'sms', language: 'sv' };
}

const anna = contact(1, 'Anna');
const bo = contact(2, 'Bo');
const unit: Unit = {
  id: id(100),
  name: 'Stockholm Vatten jour',
  categories: ['utility_water'],
  districtIds: [],
  timeZone: 'Europe/Stockholm',
  contacts: [anna, bo],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

/** Anna on call every day from 08:00 to 20:00 Stockholm time, nobody at night. */
const dayShift: UnitSchedule = {
  id: id(200),
  unitId: unit.id,
  name: 'Dagjour',
  schedule: {
    timeZone: 'Europe/Stockholm',
    layers: [
      {
        participants: [anna.id],
        shift: { kind: 'daily' },
        handoffTime: '08:00',
        startsAt: '2026-11-01',
        restrictions: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '08:00', endTime: '20:00' }],
      },
    ],
    overrides: [],
  },
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

const step = (targets: EscalationStep['targets'], requireAll = false): EscalationStep => ({
  waitMinutes: 5,
  requireAll,
  targets,
});

function notification(
  n: number,
  overrides: Partial<EscalationNotification> = {},
): EscalationNotification {
  return {
    id: id(300 + n),
    round: 0,
    step: 0,
    contactId: id(n),
    contactName: `Contact ${n}`,
    channel: 'sms',
    address: `+46 70 555 00 0${n}`,
    language: 'sv',
    delivery: 'sent',
    attempts: 1,
    queuedAt: '2026-11-22T08:00:00.000Z',
    ...overrides,
  };
}

function escalation(overrides: Partial<Escalation> = {}): Escalation {
  return {
    id: id(400),
    incidentId: id(500),
    unitId: unit.id,
    unitName: unit.name,
    policyId: id(600),
    policyName: 'Dagtid',
    steps: [
      step([{ kind: 'contact', contactId: anna.id }]),
      step([{ kind: 'contact', contactId: bo.id }]),
    ],
    repeat: 0,
    brief: 'Ta över avstängningen',
    status: 'active',
    round: 0,
    step: 0,
    nextStepAt: '2026-11-22T08:05:00.000Z',
    notifications: [],
    skipped: [],
    startedAt: '2026-11-22T08:00:00.000Z',
    startedBy: 'tib',
    updatedAt: '2026-11-22T08:00:00.000Z',
    ...overrides,
  };
}

describe('nextStepPosition', () => {
  it('goes step by step, then round again while repeats are left, then runs out', () => {
    const twice = escalation({ repeat: 1 });
    expect(nextStepPosition(twice)).toEqual({ round: 0, step: 1 });
    expect(nextStepPosition({ ...twice, step: 1 })).toEqual({ round: 1, step: 0 });
    expect(nextStepPosition({ ...twice, round: 1, step: 1 })).toBeUndefined();
    expect(nextStepPosition(escalation({ step: 1 }))).toBeUndefined();
  });
});

describe('resolveStepTargets', () => {
  const schedules = new Map([[dayShift.id, dayShift]]);

  it('reaches whoever is on call in a schedule, and a contact named directly, each once', () => {
    const at = new Date('2026-11-22T09:00:00.000Z'); // 10:00 in Stockholm
    const { targets, skipped } = resolveStepTargets(
      step([
        { kind: 'schedule', scheduleId: dayShift.id },
        { kind: 'contact', contactId: anna.id },
        { kind: 'contact', contactId: bo.id },
      ]),
      unit,
      schedules,
      at,
    );
    expect(targets.map((t) => [t.contact.name, t.scheduleId])).toEqual([
      ['Anna', dayShift.id],
      ['Bo', undefined],
    ]);
    expect(skipped).toEqual([]);
  });

  it('says why a target reaches nobody: nobody on call, a removed contact, an archived schedule', () => {
    const night = new Date('2026-11-22T22:00:00.000Z'); // 23:00 in Stockholm
    const archived = {
      ...dayShift,
      id: id(201),
      name: 'Gamla jouren',
      archivedAt: '2026-11-10T00:00:00.000Z',
    };
    const { targets, skipped } = resolveStepTargets(
      step([
        { kind: 'schedule', scheduleId: dayShift.id },
        { kind: 'contact', contactId: id(9) },
        { kind: 'schedule', scheduleId: archived.id },
      ]),
      unit,
      new Map([...schedules, [archived.id, archived]]),
      night,
    );
    expect(targets).toEqual([]);
    expect(skipped).toEqual([
      { target: 'Dagjour', reason: 'nobody is on call in it now' },
      { target: id(9), reason: 'no longer a contact of Stockholm Vatten jour' },
      { target: 'Gamla jouren', reason: 'the schedule is no longer in use' },
    ]);
  });
});

describe('stepTaken and currentStepDeclined', () => {
  it('takes a step with one acceptance, or every one when the step requires all', () => {
    const one = notification(1, { response: 'accepted' });
    const other = notification(2);
    expect(stepTaken(escalation({ notifications: [one, other] }), { round: 0, step: 0 })).toBe(
      true,
    );
    const all = escalation({
      steps: [
        step(
          [
            { kind: 'contact', contactId: anna.id },
            { kind: 'contact', contactId: bo.id },
          ],
          true,
        ),
      ],
      notifications: [one, other],
    });
    expect(stepTaken(all, { round: 0, step: 0 })).toBe(false);
    expect(
      stepTaken(
        { ...all, notifications: [one, { ...other, response: 'accepted' }] },
        { round: 0, step: 0 },
      ),
    ).toBe(true);
  });

  it('counts only the current round and step when everyone has declined', () => {
    const declined = notification(1, { response: 'declined' });
    expect(currentStepDeclined(escalation({ notifications: [declined] }))).toBe(true);
    expect(currentStepDeclined(escalation({ notifications: [declined, notification(2)] }))).toBe(
      false,
    );
    expect(currentStepDeclined(escalation({ step: 1, notifications: [declined] }))).toBe(false);
    expect(currentStepDeclined(escalation())).toBe(false);
  });
});

describe('applyEscalations', () => {
  const started = (e: Escalation, seq: number) => ({
    seq,
    recordedAt: e.updatedAt,
    actor: 'tib',
    kind: 'escalation.started' as const,
    incidentId: e.incidentId,
    data: { escalation: e },
  });

  it('keeps escalations while they await an answer, oldest first, and forgets them once over', () => {
    const older = escalation({ id: id(401), startedAt: '2026-11-22T07:00:00.000Z' });
    const newer = escalation({ id: id(402) });
    let map = applyEscalations(new Map(), [started(newer, 1), started(older, 2)]);
    expect(sortEscalationsOldestFirst(map.values()).map((e) => e.id)).toEqual([older.id, newer.id]);
    map = applyEscalations(map, [started({ ...older, status: 'exhausted' }, 3)]);
    expect(map.get(older.id)?.status).toBe('exhausted');
    map = applyEscalations(map, [started({ ...newer, status: 'accepted' }, 4)]);
    expect([...map.keys()]).toEqual([older.id]);
  });

  it('returns the same map when no entry is about an escalation', () => {
    const map = new Map();
    expect(
      applyEscalations(map, [{ seq: 1, recordedAt: '2026-11-22T08:00:00.000Z', kind: 'hidden' }]),
    ).toBe(map);
  });
});
