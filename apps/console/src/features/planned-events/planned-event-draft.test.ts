import { describe, expect, it } from 'vitest';
import type { PlannedEvent } from '@vaka/domain';
import {
  emptyPlannedEventDraft,
  isValidDraft,
  mergePlannedEventDraft,
  plannedEventChanges,
  toCreatePlannedEvent,
  toPlannedEventDraft,
  validatePlannedEventDraft,
  type PlannedEventDraft,
} from './planned-event-draft.ts';

const STOCKHOLM = 'Europe/Stockholm';

const derby: PlannedEvent = {
  id: '00000000-0000-4000-8000-000000000001',
  title: 'Derby Hammarby–AIK',
  kind: 'sports',
  startsAt: '2026-11-23T18:00:00.000Z',
  endsAt: '2026-11-23T20:30:00.000Z',
  location: { address: 'Tele2 Arena', coordinates: { lat: 59.2906, lon: 18.0844 } },
  expectedCrowd: 30_000,
  responsibleUnitIds: ['police'],
  notes: 'Supporter march at 16:30.',
  createdAt: '2026-11-20T08:00:00.000Z',
  createdBy: 'tib',
  updatedAt: '2026-11-20T08:00:00.000Z',
};

function draftOf(overrides: Partial<PlannedEventDraft> = {}): PlannedEventDraft {
  return { ...toPlannedEventDraft(derby, STOCKHOLM), ...overrides };
}

describe('a planned event form', () => {
  it('shows the times in the city and sends them back as the same instants', () => {
    const draft = draftOf();
    expect(draft).toMatchObject({
      startsAt: '2026-11-23T19:00',
      endsAt: '2026-11-23T21:30',
      latitude: '59.2906',
      expectedCrowd: '30000',
    });
    expect(toCreatePlannedEvent(draft, STOCKHOLM)).toEqual({
      title: derby.title,
      kind: 'sports',
      startsAt: derby.startsAt,
      endsAt: derby.endsAt,
      location: derby.location,
      expectedCrowd: 30_000,
      responsibleUnitIds: ['police'],
      notes: derby.notes,
    });
  });

  it('starts a new event at the next full hour, for two hours', () => {
    const draft = emptyPlannedEventDraft(new Date('2026-11-22T21:10:00.000Z'), STOCKHOLM);
    expect(draft).toMatchObject({ startsAt: '2026-11-22T23:00', endsAt: '2026-11-23T01:00' });
  });

  it('names what keeps it from being saved', () => {
    expect(isValidDraft(validatePlannedEventDraft(draftOf(), STOCKHOLM))).toBe(true);
    expect(
      validatePlannedEventDraft(
        draftOf({
          title: ' ',
          endsAt: '2026-11-23T18:00',
          address: '',
          latitude: '',
          longitude: '',
          expectedCrowd: 'many',
        }),
        STOCKHOLM,
      ),
    ).toEqual({
      title: 'titleRequired',
      endsAt: 'endsBeforeStarts',
      address: 'placeRequired',
      expectedCrowd: 'crowdInvalid',
    });
    expect(
      validatePlannedEventDraft(draftOf({ latitude: '59,29', longitude: '' }), STOCKHOLM),
    ).toEqual({ longitude: 'longitudeInvalid' });
    expect(validatePlannedEventDraft(draftOf({ latitude: '95' }), STOCKHOLM)).toEqual({
      latitude: 'latitudeInvalid',
    });
  });

  it('reads a crowd written with spaces and coordinates with a decimal comma', () => {
    const event = toCreatePlannedEvent(
      draftOf({ expectedCrowd: '45 000', latitude: '59,3324', longitude: '18,0649' }),
      STOCKHOLM,
    );
    expect(event.expectedCrowd).toBe(45_000);
    expect(event.location.coordinates).toEqual({ lat: 59.3324, lon: 18.0649 });
  });

  it('sends only what changed, and an emptied crowd as null', () => {
    expect(plannedEventChanges(derby, draftOf(), STOCKHOLM)).toBeNull();
    expect(
      plannedEventChanges(
        derby,
        draftOf({ expectedCrowd: '', endsAt: '2026-11-23T22:00', title: ' Derby ' }),
        STOCKHOLM,
      ),
    ).toEqual({
      expectedUpdatedAt: derby.updatedAt,
      changes: { title: 'Derby', endsAt: '2026-11-23T21:00:00.000Z', expectedCrowd: null },
    });
  });

  it('after someone else saved first, keeps what was typed and takes their other changes', () => {
    const base = draftOf();
    const mine = draftOf({ notes: 'Gates open 17:00.', expectedCrowd: '32 000' });
    const theirs = toPlannedEventDraft(
      { ...derby, title: 'Derby Hammarby–AIK (moved)', expectedCrowd: 35_000 },
      STOCKHOLM,
    );
    const merged = mergePlannedEventDraft(base, mine, theirs);
    expect(merged.draft).toMatchObject({
      title: 'Derby Hammarby–AIK (moved)',
      notes: 'Gates open 17:00.',
      expectedCrowd: '32 000',
    });
    expect(merged.bothChanged).toEqual(['expectedCrowd']);
  });
});
