import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  IncidentStatus,
  JournalKind,
  Severity,
  type JournalEntry,
  type KeyEvent,
  type PlannedEvent,
  type PublicMessage,
} from '@vaka/domain';
import { resources } from '../../i18n/i18n.ts';
import { createConsoleStore } from '../../stores/console-store.ts';
import {
  buildIncident,
  hiddenEntry,
  incidentOpenedEntry,
  incidentUpdatedEntry,
} from '../../test-support/factories.ts';
import {
  countOpenIncidents,
  liveStateOf,
  liveStateText,
  messageHeadline,
  messagesInForce,
  plannedEventsByDay,
  plannedEventWindow,
  recentKeyEvents,
} from './picture-logic.ts';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources, lng: 'en', interpolation: { escapeValue: false } });
});

const STOCKHOLM = 'Europe/Stockholm';

describe('countOpenIncidents', () => {
  it('counts the open incidents by severity and by status, and leaves closed ones out', () => {
    const counts = countOpenIncidents([
      buildIncident({ severity: Severity.serious, status: IncidentStatus.new }),
      buildIncident({ severity: Severity.serious, status: IncidentStatus.inProgress }),
      buildIncident({ severity: Severity.critical, status: IncidentStatus.monitoring }),
      buildIncident({ severity: Severity.minor, status: IncidentStatus.closed }),
    ]);
    expect(counts.total).toBe(3);
    expect(counts.bySeverity).toEqual({ minor: 0, moderate: 0, serious: 2, critical: 1 });
    expect(counts.byStatus).toEqual({ new: 1, acknowledged: 0, in_progress: 1, monitoring: 1 });
  });
});

function plannedEvent(overrides: Partial<PlannedEvent>): PlannedEvent {
  return {
    id: '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b',
    title: 'AIK – Hammarby, Strawberry Arena',
    kind: 'sports',
    startsAt: '2026-06-12T17:00:00.000Z',
    endsAt: '2026-06-12T19:00:00.000Z',
    location: { address: 'Råsundavägen 1, Solna' },
    responsibleUnitIds: [],
    notes: '',
    createdAt: '2026-06-01T08:00:00.000Z',
    createdBy: 'tib',
    updatedAt: '2026-06-01T08:00:00.000Z',
    ...overrides,
  };
}

describe('plannedEventsByDay', () => {
  // 23:30 on 11 June in Stockholm (21:30 UTC): in UTC it is still 11 June, but an event at
  // 00:30 the next night is tomorrow's in the city.
  const now = Date.parse('2026-06-11T21:30:00.000Z');

  it('groups the events by the city’s calendar day, today and the next two, soonest first', () => {
    const tonight = plannedEvent({
      id: 'a',
      title: 'Tonight',
      startsAt: '2026-06-11T21:45:00Z',
      endsAt: '2026-06-11T23:00:00Z',
    });
    const afterMidnight = plannedEvent({
      id: 'b',
      title: 'After midnight',
      startsAt: '2026-06-11T22:30:00Z',
      endsAt: '2026-06-12T01:00:00Z',
    });
    const match = plannedEvent({
      id: 'c',
      title: 'Match',
      startsAt: '2026-06-12T17:00:00Z',
      endsAt: '2026-06-12T19:00:00Z',
    });
    const dayAfter = plannedEvent({
      id: 'd',
      title: 'Parade',
      startsAt: '2026-06-13T10:00:00Z',
      endsAt: '2026-06-13T12:00:00Z',
    });
    const days = plannedEventsByDay([dayAfter, match, afterMidnight, tonight], now, STOCKHOLM);
    expect(days.map((day) => [day.date, day.offset, day.events.map((e) => e.title)])).toEqual([
      ['2026-06-11', 0, ['Tonight']],
      ['2026-06-12', 1, ['After midnight', 'Match']],
      ['2026-06-13', 2, ['Parade']],
    ]);
  });

  it('puts an event under way under today and leaves out ended and cancelled ones', () => {
    const underWay = plannedEvent({
      id: 'a',
      title: 'Festival',
      startsAt: '2026-06-10T08:00:00Z',
      endsAt: '2026-06-14T20:00:00Z',
    });
    const ended = plannedEvent({
      id: 'b',
      title: 'Ended',
      startsAt: '2026-06-11T18:00:00Z',
      endsAt: '2026-06-11T20:00:00Z',
    });
    const cancelled = plannedEvent({
      id: 'c',
      title: 'Called off',
      startsAt: '2026-06-12T10:00:00Z',
      endsAt: '2026-06-12T11:00:00Z',
      cancelledAt: '2026-06-11T09:00:00Z',
    });
    const days = plannedEventsByDay([underWay, ended, cancelled], now, STOCKHOLM);
    expect(days.map((day) => day.events.map((e) => e.title))).toEqual([['Festival'], [], []]);
  });

  it('asks for the events from now to the end of the third day in the city', () => {
    const window = plannedEventWindow(now, STOCKHOLM);
    expect(window.from.toISOString()).toBe('2026-06-11T21:30:00.000Z');
    // Midnight starting 14 June in Stockholm, summer time.
    expect(window.to.toISOString()).toBe('2026-06-13T22:00:00.000Z');
  });
});

describe('the connection notice', () => {
  const clock = (date: Date) => date.toISOString().slice(11, 16);

  it('says plainly since when the picture is not live, reconnecting or offline', () => {
    const since = new Date('2026-06-11T10:42:00.000Z');
    const t = i18n.t.bind(i18n);
    expect(liveStateText(liveStateOf('offline', since), t, clock)).toBe(
      'Not live since 10:42 — the picture may be out of date',
    );
    expect(liveStateText(liveStateOf('reconnecting', since), t, clock)).toBe(
      'Not live since 10:42 — the picture may be out of date',
    );
    expect(liveStateText(liveStateOf('reconnecting', null), t, clock)).toBe(
      'Not live — the picture may be out of date',
    );
    expect(liveStateOf('live', null)).toEqual({ kind: 'live' });
    expect(liveStateText(liveStateOf('live', null), t, clock)).toBe('Live');
  });

  it('says it in every language', async () => {
    const since = new Date('2026-06-11T10:42:00.000Z');
    await i18n.changeLanguage('sv');
    expect(liveStateText(liveStateOf('offline', since), i18n.t.bind(i18n), clock)).toContain(
      '10:42',
    );
    await i18n.changeLanguage('en');
  });
});

function message(overrides: Partial<PublicMessage>): PublicMessage {
  return {
    id: '9c8b7a6f-5e4d-4c3b-8a29-1f0e9d8c7b6a',
    version: 1,
    status: 'published',
    category: 'severe_weather',
    urgency: 'Expected',
    severity: 'Moderate',
    certainty: 'Likely',
    area: { description: 'Stockholm', districtIds: [] },
    effective: '2026-06-11T08:00:00.000Z',
    expires: '2026-06-12T08:00:00.000Z',
    issuer: 'Stockholms stad',
    exercise: false,
    variants: [
      {
        language: 'sv',
        headline: 'Kraftigt regn i kväll',
        description: '',
        instruction: '',
        sms: '',
        push: '',
        social: '',
      },
      {
        language: 'en',
        headline: 'Heavy rain tonight',
        description: '',
        instruction: '',
        sms: '',
        push: '',
        social: '',
      },
    ],
    author: 'kib',
    createdAt: '2026-06-11T07:00:00.000Z',
    updatedAt: '2026-06-11T08:00:00.000Z',
    publishedAt: '2026-06-11T08:00:00.000Z',
    ...overrides,
  };
}

describe('the messages in force', () => {
  const now = Date.parse('2026-06-11T12:00:00.000Z');

  it('keeps those published and in their time of validity, the latest published first', () => {
    const earlier = message({ id: 'a', publishedAt: '2026-06-11T08:00:00.000Z' });
    const later = message({ id: 'b', publishedAt: '2026-06-11T09:00:00.000Z', exercise: true });
    const expired = message({ id: 'c', expires: '2026-06-11T11:00:00.000Z' });
    const notYet = message({ id: 'd', effective: '2026-06-11T13:00:00.000Z' });
    const withdrawn = message({ id: 'e', status: 'withdrawn' });
    expect(
      messagesInForce([earlier, later, expired, notYet, withdrawn], now).map((m) => m.id),
    ).toEqual(['b', 'a']);
  });

  it('reads the headline in the console’s language, else the first written one', () => {
    expect(messageHeadline(message({}), 'en')).toEqual({
      text: 'Heavy rain tonight',
      language: 'en',
    });
    expect(messageHeadline(message({}), 'fi')).toEqual({
      text: 'Kraftigt regn i kväll',
      language: 'sv',
    });
  });
});

describe('recentKeyEvents', () => {
  it('keeps the last twelve hours, the newest first', () => {
    const now = Date.parse('2026-06-11T22:00:00.000Z');
    const event = (seq: number, at: string): KeyEvent => ({
      seq,
      at,
      kind: 'note',
      text: `Event ${seq}`,
      actor: 'tib',
    });
    const events = [
      event(1, '2026-06-11T09:00:00.000Z'),
      event(2, '2026-06-11T10:30:00.000Z'),
      event(3, '2026-06-11T21:00:00.000Z'),
    ];
    expect(recentKeyEvents(events, now).map((e) => e.seq)).toEqual([3, 2]);
  });
});

describe('the picture slice', () => {
  const at = new Date('2026-06-11T12:00:00.000Z');

  it('reads the key events again for a grave incident, not for a minor one or a hidden entry', () => {
    const store = createConsoleStore();
    store
      .getState()
      .applyPictureEntries(
        [incidentOpenedEntry(1, buildIncident({ severity: Severity.minor })), hiddenEntry(2)],
        at,
      );
    expect(store.getState().pictureKeyEventsRevision).toBe(0);
    expect(store.getState().pictureUpdatedAt).toEqual(at);

    store
      .getState()
      .applyPictureEntries(
        [incidentOpenedEntry(3, buildIncident({ severity: Severity.serious }))],
        at,
      );
    expect(store.getState().pictureKeyEventsRevision).toBe(1);

    const closed = buildIncident({ status: IncidentStatus.closed });
    store.getState().applyPictureEntries([incidentUpdatedEntry(4, closed)], at);
    expect(store.getState().pictureKeyEventsRevision).toBe(2);
    expect(store.getState().picturePlannedEventsRevision).toBe(0);
  });

  it('reads the planned events again when one changes, and everything after a resync', () => {
    const store = createConsoleStore();
    const created: JournalEntry = {
      seq: 1,
      recordedAt: at.toISOString(),
      actor: 'tib',
      kind: JournalKind.plannedEventCreated,
      data: { event: plannedEvent({}) },
    };
    store.getState().applyPictureEntries([created], at);
    expect(store.getState().picturePlannedEventsRevision).toBe(1);
    expect(store.getState().pictureKeyEventsRevision).toBe(0);
    store.getState().markPictureStale(at);
    expect(store.getState().picturePlannedEventsRevision).toBe(2);
    expect(store.getState().pictureKeyEventsRevision).toBe(1);
  });
});
