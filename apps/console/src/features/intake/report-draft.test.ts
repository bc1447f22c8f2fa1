import { describe, expect, it } from 'vitest';
import { Category, Severity, suggestDuplicates } from '@vaka/domain';
import { buildIncident } from '../../test-support/factories.ts';
import {
  DRAFT_INCIDENT_ID,
  draftIncident,
  emptyDraft,
  isEmptyDraft,
  toCreateReport,
} from './report-draft.ts';

const now = new Date('2025-01-15T09:30:00.000Z');

describe('draftIncident', () => {
  it('is the incident the typed report would open now: its title, kind, severity and address', () => {
    const draft = {
      ...emptyDraft(),
      title: '  Water pouring from a manhole ',
      category: Category.utilityWater,
      severity: Severity.serious,
      address: ' Götgatan 78, Stockholm ',
      description: 'The caller says it is rising',
      belongsTo: '00000000-0000-4000-8000-0000000000aa',
    };
    expect(draftIncident(draft, now)).toEqual({
      id: DRAFT_INCIDENT_ID,
      title: 'Water pouring from a manhole',
      category: 'utility_water',
      severity: 'serious',
      status: 'new',
      location: { address: 'Götgatan 78, Stockholm' },
      openedAt: '2025-01-15T09:30:00.000Z',
      updatedAt: '2025-01-15T09:30:00.000Z',
      reportCount: 0,
    });
  });

  it('finds the open incident a call repeats by its address, kind and time', () => {
    const leak = buildIncident({
      title: 'Burst water main',
      category: Category.utilityWater,
      location: { address: 'Götgatan 78', coordinates: { lat: 59.3105, lon: 18.0763 } },
      openedAt: '2025-01-15T09:10:00.000Z',
    });
    const elsewhere = buildIncident({
      title: 'Fire in a stairwell',
      category: Category.fire,
      location: { address: 'Vällingby centrum' },
      openedAt: '2025-01-15T09:10:00.000Z',
    });
    const draft = {
      ...emptyDraft(),
      title: 'Water in the street',
      category: Category.utilityWater,
      address: 'Götgatan 78, Stockholm',
    };
    const [first, ...rest] = suggestDuplicates(draftIncident(draft, now), [elsewhere, leak]);
    expect(rest).toEqual([]);
    expect(first?.incident).toBe(leak);
    expect(first?.reasons.map((reason) => reason.kind)).toEqual([
      'same_category',
      'same_address',
      'close_in_time',
      'similar_words',
    ]);
  });
});

describe('a draft about an open incident', () => {
  it('counts as started, and sends the same report body as a new one', () => {
    const draft = { ...emptyDraft(), belongsTo: '00000000-0000-4000-8000-0000000000aa' };
    expect(isEmptyDraft(draft)).toBe(false);
    expect(isEmptyDraft(emptyDraft())).toBe(true);
    expect(toCreateReport({ ...draft, title: 'Call', address: 'Götgatan 78' })).toEqual(
      toCreateReport({ ...emptyDraft(), title: 'Call', address: 'Götgatan 78' }),
    );
  });
});
