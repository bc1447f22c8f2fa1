import { describe, expect, it } from 'vitest';
import type { UnitSchedule } from '@vaka/domain';
import { moveRow } from '../units/unit-draft.ts';
import { placeRefusal } from './field-errors.ts';
import {
  emptyLayerDraft,
  emptyRestrictionDraft,
  emptyScheduleDraft,
  participantDraft,
  rebaseScheduleDraft,
  scheduleChanges,
  scheduleFields,
  toCreateSchedule,
  toScheduleDraft,
  validateScheduleDraft,
  type LayerDraft,
  type ScheduleDraft,
} from './schedule-draft.ts';

const ANNA = '00000000-0000-4000-8000-0000000000a1';
const BJORN = '00000000-0000-4000-8000-0000000000b2';

const primary: UnitSchedule = {
  id: '00000000-0000-4000-8000-000000000051',
  unitId: '00000000-0000-4000-8000-000000000001',
  name: 'Primary',
  schedule: {
    timeZone: 'Europe/Stockholm',
    layers: [
      {
        participants: [ANNA, BJORN],
        shift: { kind: 'weekly' },
        handoffTime: '08:00',
        handoffWeekday: 1,
        startsAt: '2026-11-23',
        restrictions: [{ weekdays: [1, 2, 3, 4, 5], startTime: '17:00', endTime: '08:00' }],
      },
    ],
    overrides: [],
  },
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-21T08:00:00.000Z',
};

function draftWithLayer(layer: Partial<LayerDraft>): ScheduleDraft {
  const draft = emptyScheduleDraft('Europe/Stockholm', '2026-11-23');
  return {
    ...draft,
    name: ' Primary ',
    layers: [{ ...emptyLayerDraft('2026-11-23'), ...layer }],
  };
}

describe('a new schedule', () => {
  it('starts in the unit’s time zone with one weekly rotation from today', () => {
    const draft = emptyScheduleDraft('Europe/Helsinki', '2026-11-22');
    expect(draft.timeZone).toBe('Europe/Helsinki');
    expect(draft.layers).toHaveLength(1);
    expect(draft.layers[0]).toMatchObject({
      rotation: 'weekly',
      handoffTime: '08:00',
      startsAt: '2026-11-22',
      participants: [],
    });
  });

  it('is sent with its participants in the order shown, trimmed, without empty options', () => {
    const draft = draftWithLayer({
      participants: [participantDraft(BJORN), participantDraft(ANNA)],
    });
    expect(toCreateSchedule(draft)).toEqual({
      name: 'Primary',
      timeZone: 'Europe/Stockholm',
      layers: [
        {
          participants: [BJORN, ANNA],
          shift: { kind: 'weekly' },
          handoffTime: '08:00',
          startsAt: '2026-11-23',
        },
      ],
    });
  });

  it('sends the hours of a custom rotation, and a hand-off weekday only for a weekly one', () => {
    const hours = draftWithLayer({
      rotation: 'hours',
      hours: '12',
      handoffWeekday: 5,
      participants: [participantDraft(ANNA)],
    });
    expect(toCreateSchedule(hours).layers[0]).toEqual({
      participants: [ANNA],
      shift: { kind: 'hours', hours: 12 },
      handoffTime: '08:00',
      startsAt: '2026-11-23',
    });
    const weekly = {
      ...hours,
      layers: hours.layers.map((l) => ({ ...l, rotation: 'weekly' as const })),
    };
    expect(toCreateSchedule(weekly).layers[0]?.handoffWeekday).toBe(5);
  });

  it('sends its time windows with the weekdays in order', () => {
    const draft = draftWithLayer({
      participants: [participantDraft(ANNA)],
      restrictions: [{ ...emptyRestrictionDraft(), weekdays: [6, 1, 7] }],
    });
    expect(toCreateSchedule(draft).layers[0]?.restrictions).toEqual([
      { weekdays: [1, 6, 7], startTime: '17:00', endTime: '08:00' },
    ]);
  });

  it('is stopped with a message at each field that keeps it from going', () => {
    const draft: ScheduleDraft = {
      name: ' ',
      timeZone: 'Europe/Atlantis',
      layers: [
        {
          ...emptyLayerDraft('2026-02-30'),
          rotation: 'hours',
          hours: '169',
          handoffTime: '24:00',
          restrictions: [{ ...emptyRestrictionDraft(), weekdays: [], endTime: '8' }],
        },
      ],
    };
    expect(validateScheduleDraft(draft)).toEqual({
      name: { messageKey: 'nameRequired' },
      timeZone: { messageKey: 'timeZoneUnknown' },
      'layers[0].shift.hours': { messageKey: 'hoursInvalid' },
      'layers[0].handoffTime': { messageKey: 'timeInvalid' },
      'layers[0].startsAt': { messageKey: 'dateInvalid' },
      'layers[0].participants': { messageKey: 'participantsRequired' },
      'layers[0].restrictions[0].weekdays': { messageKey: 'weekdaysRequired' },
      'layers[0].restrictions[0].endTime': { messageKey: 'timeInvalid' },
    });
    expect(validateScheduleDraft({ ...draft, timeZone: '' }).timeZone).toEqual({
      messageKey: 'timeZoneRequired',
    });
  });
});

describe('a change of a schedule', () => {
  it('sends nothing when nothing changed', () => {
    expect(scheduleChanges(primary, toScheduleDraft(primary))).toBeNull();
  });

  it('sends only the name when only the name changed', () => {
    const draft = { ...toScheduleDraft(primary), name: 'Nights' };
    expect(scheduleChanges(primary, draft)).toEqual({ name: 'Nights' });
  });

  it('sends every rotation when the order of the participants changed', () => {
    const draft = toScheduleDraft(primary);
    const [layer] = draft.layers;
    if (layer === undefined) throw new Error('one rotation expected');
    const swapped = moveRow(layer.participants, layer.participants[1]?.key ?? '', -1);
    const changes = scheduleChanges(primary, {
      ...draft,
      layers: [{ ...layer, participants: swapped }],
    });
    expect(changes).toEqual({
      layers: [{ ...primary.schedule.layers[0], participants: [BJORN, ANNA] }],
    });
  });
});

describe('a refusal of the server', () => {
  const draft = toScheduleDraft(primary);

  it('shows at the participant the service names', () => {
    expect(
      placeRefusal(
        `layers[0].participants[1]: ${BJORN} is not a contact of the unit Trafikkontoret; use the ids of its contacts`,
        scheduleFields(draft),
      ),
    ).toEqual({
      field: 'layers[0].participants[1]',
      sentence: `${BJORN} is not a contact of the unit Trafikkontoret; use the ids of its contacts`,
    });
  });

  it('shows a schema refusal at the field it names, or the nearest the form has', () => {
    expect(
      placeRefusal(
        'body/changes/layers/0/handoffTime must match pattern "^([01][0-9]|2[0-3]):[0-5][0-9]$"',
        scheduleFields(draft),
      )?.field,
    ).toBe('layers[0].handoffTime');
    expect(
      placeRefusal('body/layers/0/shift/kind must be equal to constant', scheduleFields(draft))
        ?.field,
    ).toBe('layers[0].shift');
    expect(
      placeRefusal('timeZone: Mars/Olympus is not a time zone', scheduleFields(draft)),
    ).toEqual({ field: 'timeZone', sentence: 'Mars/Olympus is not a time zone' });
  });

  it('names no field for a sentence about the schedule as a whole', () => {
    expect(
      placeRefusal(
        'Nothing to change: the schedule already has these values',
        scheduleFields(draft),
      ),
    ).toBeNull();
    expect(
      placeRefusal('body must NOT have additional properties', scheduleFields(draft)),
    ).toBeNull();
  });

  it('shows a refusal about a rotation the form no longer has at the rotations', () => {
    expect(placeRefusal('body/layers/3 is not valid', scheduleFields(draft))?.field).toBe('layers');
  });
});

describe('after someone else saved the schedule', () => {
  const [layer] = primary.schedule.layers as [UnitSchedule['schedule']['layers'][0]];
  const renamed: UnitSchedule = {
    ...primary,
    name: 'Primary on call',
    updatedAt: '2026-11-21T09:00:00.000Z',
  };

  it('saving again sends only the rotation this admin changed, so the new name stays', () => {
    const typed = toScheduleDraft(primary);
    const draft = {
      ...typed,
      layers: typed.layers.map((row) => ({ ...row, handoffTime: '09:00' })),
    };
    const rebased = rebaseScheduleDraft(primary, draft, renamed);
    expect(rebased).toMatchObject({ draft: { name: 'Primary on call' }, bothChanged: [] });
    expect(scheduleChanges(renamed, rebased.draft)).toEqual({
      layers: [{ ...layer, handoffTime: '09:00' }],
    });
  });

  it('takes the other rotations when this admin only removed and re-added the same one', () => {
    const typed = toScheduleDraft(primary);
    const readded = typed.layers.map((row) => ({ ...row, key: 'layer-new' }));
    const moved: UnitSchedule = {
      ...primary,
      schedule: { ...primary.schedule, layers: [{ ...layer, participants: [BJORN, ANNA] }] },
      updatedAt: renamed.updatedAt,
    };
    const rebased = rebaseScheduleDraft(primary, { ...typed, layers: readded }, moved);
    expect(rebased.bothChanged).toEqual([]);
    expect(scheduleChanges(moved, rebased.draft)).toBeNull();
  });

  it('keeps the rotations as a whole when both changed them, and names them', () => {
    const typed = toScheduleDraft(primary);
    const draft = {
      ...typed,
      layers: typed.layers.map((row) => ({ ...row, startsAt: '2026-11-30' })),
    };
    const moved: UnitSchedule = {
      ...primary,
      schedule: { ...primary.schedule, layers: [{ ...layer, handoffTime: '07:00' }] },
      updatedAt: renamed.updatedAt,
    };
    const rebased = rebaseScheduleDraft(primary, draft, moved);
    expect(rebased.bothChanged).toEqual(['layers']);
    expect(rebased.draft.layers).toEqual(draft.layers);
  });
});
