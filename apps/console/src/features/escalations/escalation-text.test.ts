import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeliveryStatus, EscalationStatus, NotificationResponse } from '@vaka/domain';
import { resources } from '../../i18n/i18n.ts';
import { buildEscalation, buildNotification } from '../../test-support/escalation-factories.ts';
import {
  deliveryText,
  formatCountdown,
  formatWaited,
  responseText,
  stepHistory,
  stepProgress,
  suggestionReasonText,
} from './escalation-text.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources, lng: 'en', interpolation: { escapeValue: false } });
});
const clock = (iso: string) => iso.slice(11, 16);

describe('formatCountdown', () => {
  it('counts minutes and seconds, hours when there are some, and never below zero', () => {
    expect(formatCountdown(45_000)).toBe('0:45');
    expect(formatCountdown(4 * 60_000 + 5_000)).toBe('4:05');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(-5_000)).toBe('0:00');
  });

  it('rounds up, so it shows 0:00 only when the moment has come', () => {
    expect(formatCountdown(200)).toBe('0:01');
    expect(formatCountdown(59_001)).toBe('1:00');
  });
});

describe('formatWaited', () => {
  it('says minutes, or hours and minutes, in the language; nothing under a minute', () => {
    expect(formatWaited(59_000, 'en')).toBeNull();
    expect(formatWaited(12 * 60_000 + 59_000, 'en')).toBe('12 min');
    expect(formatWaited(65 * 60_000, 'en')).toBe('1 hr 5 min');
    expect(formatWaited(2 * 3_600_000, 'en')).toBe('2 hr');
    expect(formatWaited(12 * 60_000, 'fi')).toBe('12 min');
    expect(formatWaited(2 * 3_600_000, 'fi')).toBe('2 t');
  });
});

describe('stepProgress and stepHistory', () => {
  it('counts step and round from one', () => {
    expect(stepProgress(buildEscalation({ step: 1, round: 1, repeat: 2 }))).toEqual({
      step: 2,
      steps: 2,
      round: 2,
      rounds: 3,
    });
  });

  it('puts each notification and skipped target under its step and round, marking the current step', () => {
    const first = buildNotification({ step: 0, round: 0 });
    const again = buildNotification({ step: 0, round: 1 });
    const second = buildNotification({ step: 1, round: 0, contactName: 'Chief' });
    const escalation = buildEscalation({
      repeat: 1,
      round: 1,
      step: 0,
      notifications: [first, second, again],
      skipped: [{ round: 1, step: 0, target: 'Night rota', reason: 'nobody is on call in it now' }],
    });

    const history = stepHistory(escalation);

    expect(history.map((step) => step.current)).toEqual([true, false]);
    expect(
      history[0]?.runs.map((run) => [run.round, run.notifications, run.skipped.length]),
    ).toEqual([
      [0, [first], 0],
      [1, [again], 1],
    ]);
    expect(history[1]?.runs).toEqual([{ round: 0, notifications: [second], skipped: [] }]);
  });

  it('marks no step current once the escalation is over', () => {
    const history = stepHistory(buildEscalation({ status: EscalationStatus.accepted }));
    expect(history.some((step) => step.current)).toBe(false);
  });
});

describe('deliveryText and responseText', () => {
  it('says in words what became of a message', () => {
    const t = i18n.t;
    const text = (overrides: Parameters<typeof buildNotification>[0]) =>
      deliveryText(buildNotification(overrides), t, clock);
    expect(text({ delivery: DeliveryStatus.queued })).toBe('Queued to go out');
    expect(text({ delivery: DeliveryStatus.queued, heldUntil: '2025-01-15T09:10:00.000Z' })).toBe(
      'Held until 09:10: too many messages to this person in a short time',
    );
    expect(text({ delivery: DeliveryStatus.sent, sentAt: '2025-01-15T09:01:00.000Z' })).toBe(
      'Sent 09:01',
    );
    expect(text({ delivery: DeliveryStatus.failed })).toBe('Not delivered: failed for good');
    expect(text({ delivery: DeliveryStatus.withdrawn })).toBe(
      'Withdrawn: the escalation ended before it went out',
    );
  });

  it('says what the person answered, with their reason', () => {
    const t = i18n.t;
    expect(responseText(buildNotification(), t, clock)).toBeNull();
    expect(
      responseText(
        buildNotification({
          response: NotificationResponse.declined,
          respondedAt: '2025-01-15T09:03:00.000Z',
          responseReason: 'Off sick',
        }),
        t,
        clock,
      ),
    ).toBe('Declined 09:03 — reason: Off sick');
    expect(
      responseText(
        buildNotification({
          response: NotificationResponse.accepted,
          respondedAt: '2025-01-15T09:04:00.000Z',
        }),
        t,
        clock,
      ),
    ).toBe('Accepted 09:04');
  });
});

describe('suggestionReasonText', () => {
  const incident = { category: 'fire', district: { id: 'sodermalm', name: 'Södermalm' } } as const;

  it('says why a unit is suggested, naming the category and the district', () => {
    const t = i18n.t;
    expect(suggestionReasonText('category', incident, t)).toBe('answers for Fire');
    expect(suggestionReasonText('district:Södermalm', incident, t)).toBe(
      'answers for the district Södermalm',
    );
    expect(suggestionReasonText('district:sodermalm', incident, t)).toBe(
      'answers for the district Södermalm',
    );
    expect(suggestionReasonText('whole_city', incident, t)).toBe('answers for the whole city');
    expect(suggestionReasonText('something_new', incident, t)).toBe('something_new');
  });
});
