import { describe, expect, it } from 'vitest';
import { placeRefusal } from './field-errors.ts';
import {
  emptyOverrideDraft,
  OVERRIDE_FIELDS,
  toCreateOverride,
  validateOverrideDraft,
} from './override-draft.ts';

const EVA = '00000000-0000-4000-8000-0000000000e1';
const STOCKHOLM = 'Europe/Stockholm';

describe('a new override', () => {
  it('offers the next full hour of the unit’s clock, for twelve hours', () => {
    const draft = emptyOverrideDraft(new Date('2026-11-22T06:50:11Z'), STOCKHOLM);
    expect(draft).toEqual({
      contactId: '',
      from: '2026-11-22T08:00',
      to: '2026-11-22T20:00',
      note: '',
    });
  });

  it('is sent with the times typed in the unit’s zone as instants, and a trimmed note', () => {
    const draft = { contactId: EVA, from: '2026-11-27T20:00', to: '2026-11-28T08:00', note: ' ' };
    expect(toCreateOverride(draft, STOCKHOLM)).toEqual({
      contactId: EVA,
      from: '2026-11-27T19:00:00.000Z',
      to: '2026-11-28T07:00:00.000Z',
    });
    expect(toCreateOverride({ ...draft, note: ' swapped with Anna ' }, 'Europe/Helsinki')).toEqual({
      contactId: EVA,
      from: '2026-11-27T18:00:00.000Z',
      to: '2026-11-28T06:00:00.000Z',
      note: 'swapped with Anna',
    });
  });

  it('crosses the autumn night in local time: 20:00 to 08:00 is thirteen hours', () => {
    const override = toCreateOverride(
      { contactId: EVA, from: '2026-10-24T20:00', to: '2026-10-25T08:00', note: '' },
      STOCKHOLM,
    );
    expect(override).not.toBeNull();
    const hours = (Date.parse(override?.to ?? '') - Date.parse(override?.from ?? '')) / 3_600_000;
    expect(hours).toBe(13);
  });

  it('is stopped without someone to take over, or when it ends before it begins', () => {
    expect(validateOverrideDraft({ contactId: '', from: '', to: '', note: '' }, STOCKHOLM)).toEqual(
      {
        contactId: { messageKey: 'contactRequired' },
        from: { messageKey: 'timeRequired' },
        to: { messageKey: 'timeRequired' },
      },
    );
    expect(
      validateOverrideDraft(
        { contactId: EVA, from: '2026-11-28T08:00', to: '2026-11-27T20:00', note: '' },
        STOCKHOLM,
      ),
    ).toEqual({ to: { messageKey: 'endBeforeStart' } });
    expect(toCreateOverride({ contactId: EVA, from: '', to: '', note: '' }, STOCKHOLM)).toBeNull();
  });

  it('shows the server’s refusal at the field it names', () => {
    expect(
      placeRefusal(
        'to: the override ends at 2026-11-27T19:00:00.000Z, not after it begins at 2026-11-27T19:00:00.000Z; give a later end',
        OVERRIDE_FIELDS,
      )?.field,
    ).toBe('to');
    expect(
      placeRefusal('body/note must NOT have more than 500 characters', OVERRIDE_FIELDS),
    ).toEqual({ field: 'note', sentence: 'must NOT have more than 500 characters' });
  });
});
