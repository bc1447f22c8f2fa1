import { describe, expect, it } from 'vitest';
import type { PublicMessage } from '@vaka/domain';
import {
  areaDrawingProblem,
  emptyMessageForm,
  messageChanges,
  orderedVariants,
  shownHeadline,
  toCreateMessageRequest,
  toMessageForm,
  withLanguage,
  withoutLanguage,
  withCornerText,
  withDistrict,
  withDistrictToggled,
  withDrawnCorners,
  withVariant,
} from './message-form.ts';

const STOCKHOLM = 'Europe/Stockholm';
const city = {
  categories: ['flooding', 'fire'] as const,
  messageLanguages: { required: ['sv'] as const, expected: ['en'] as const },
};
const languages = { required: ['sv' as const], expected: ['en' as const] };
const NOW = Date.parse('2025-01-15T08:00:00Z');

function stored(): PublicMessage {
  const form = withVariant(
    emptyMessageForm(
      { ...city, categories: ['flooding'], messageLanguages: languages },
      NOW,
      STOCKHOLM,
    ),
    {
      language: 'sv',
      headline: 'Översvämning i Gamla stan',
      description: 'Vatten på gatorna.',
      instruction: 'Undvik området.',
      sms: 'Undvik Gamla stan.',
      push: 'Översvämning',
      social: 'Undvik Gamla stan.',
    },
  );
  return {
    id: '00000000-0000-4000-8000-000000000001',
    version: 1,
    status: 'draft',
    author: 'anna',
    createdAt: '2025-01-15T08:00:00.000Z',
    updatedAt: '2025-01-15T08:00:00.000Z',
    ...toCreateMessageRequest({ ...form, issuer: 'Stockholms stad' }, STOCKHOLM),
  };
}

describe('the message form', () => {
  it('starts a new message in the city time zone, valid for a day, with the owed languages required first', () => {
    const form = emptyMessageForm(
      { categories: ['flooding'], messageLanguages: languages },
      NOW,
      STOCKHOLM,
    );
    expect(form.effective).toBe('2025-01-15T09:00');
    expect(form.expires).toBe('2025-01-16T09:00');
    expect(form.category).toBe('flooding');
    expect(form.variants.map((variant) => variant.language)).toEqual(['sv', 'en']);
  });

  it('starts from the category’s template, issued by the city: only what happened is left to write', () => {
    const form = emptyMessageForm(
      { name: 'Stockholms stad', categories: ['flooding'], messageLanguages: languages },
      NOW,
      STOCKHOLM,
    );
    expect(form.issuer).toBe('Stockholms stad');
    expect(form.variants.map((variant) => [variant.headline, variant.instruction])).toEqual([
      ['Översvämning', 'Undvik området. Kör och gå inte genom vatten på vägen.'],
      ['Flooding', 'Avoid the area. Do not drive or walk through water on the road.'],
    ]);
    expect(form.variants.every((variant) => variant.description === '')).toBe(true);
  });

  it('sends the wall-clock times as instants, leaves an empty link out and names the incident', () => {
    const form = emptyMessageForm(
      { categories: ['fire'], messageLanguages: languages },
      NOW,
      STOCKHOLM,
    );
    const request = toCreateMessageRequest(
      { ...form, issuer: '  Stockholms stad ', effective: '2025-07-01T12:00' },
      STOCKHOLM,
      '00000000-0000-4000-8000-000000000009',
    );
    expect(request.effective).toBe('2025-07-01T10:00:00.000Z');
    expect(request.issuer).toBe('Stockholms stad');
    expect(request).not.toHaveProperty('link');
    expect(request.incidentId).toBe('00000000-0000-4000-8000-000000000009');
  });

  it('sends only what changed, a removed link as null, and nothing when nothing changed', () => {
    const base = { ...stored(), link: 'https://example.org/a' };
    const form = toMessageForm(base, STOCKHOLM);
    expect(messageChanges(base, form, STOCKHOLM)).toBeNull();
    const changed = withoutLanguage({ ...form, link: '', expires: '2025-01-17T09:00' }, 'en');
    expect(messageChanges(base, changed, STOCKHOLM)).toEqual({
      link: null,
      expires: '2025-01-17T08:00:00.000Z',
      variants: base.variants.filter((variant) => variant.language !== 'en'),
    });
  });

  it('orders variants required, expected, other; adds a language once', () => {
    const form = withLanguage(withLanguage(toMessageForm(stored(), STOCKHOLM), 'fi'), 'fi');
    const reordered = orderedVariants([...form.variants].reverse(), languages).map(
      (variant) => variant.language,
    );
    expect(reordered).toEqual(['sv', 'en', 'fi']);
  });

  it('shows the headline in the first owed language that has one', () => {
    const message = stored();
    expect(shownHeadline(message.variants, languages)).toEqual({
      headline: 'Översvämning i Gamla stan',
      language: 'sv',
    });
    expect(shownHeadline([], languages)).toBeNull();
  });
});

describe('the drawn area in the form', () => {
  const ring: [number, number][] = [
    [59.32, 18.03],
    [59.32, 18.1],
    [59.3, 18.1],
    [59.32, 18.03],
  ];

  it('opens a stored polygon as corners and their text, and sends it closed again unchanged', () => {
    const base = {
      ...stored(),
      area: { description: 'Södermalm', districtIds: [], polygon: ring },
    };
    const form = toMessageForm(base, STOCKHOLM);
    expect(form.corners).toEqual(ring.slice(0, 3));
    expect(form.cornerText).toBe('59.32, 18.03\n59.32, 18.1\n59.3, 18.1');
    expect(messageChanges(base, form, STOCKHOLM)).toBeNull();
  });

  it('follows the map in the text, and the text on the map once every line can be read', () => {
    const form = toMessageForm(stored(), STOCKHOLM);
    const drawn = withDrawnCorners(form, [
      [59.32, 18.03],
      [59.32, 18.1],
    ]);
    expect(drawn.cornerText).toBe('59.32, 18.03\n59.32, 18.1');
    expect(areaDrawingProblem(drawn)).toEqual({ kind: 'tooFew', corners: 2 });
    const typed = withCornerText(drawn, `${drawn.cornerText}\n59.3 18.1`);
    expect(typed.corners).toHaveLength(3);
    expect(areaDrawingProblem(typed)).toBeNull();
    expect(toCreateMessageRequest(typed, STOCKHOLM).area.polygon).toEqual(ring);
    // A line that cannot be read keeps the last good shape and names the line.
    const halfTyped = withCornerText(typed, `${typed.cornerText}\n59.31,`);
    expect(halfTyped.corners).toEqual(typed.corners);
    expect(areaDrawingProblem(halfTyped)).toEqual({
      kind: 'unreadableLines',
      errors: [{ line: 4, kind: 'notTwoNumbers', text: '59.31,' }],
    });
  });

  it('sends a cleared drawing as an area without a polygon', () => {
    const base = {
      ...stored(),
      area: { description: 'Södermalm', districtIds: [], polygon: ring },
    };
    const cleared = withDrawnCorners(toMessageForm(base, STOCKHOLM), []);
    expect(cleared.cornerText).toBe('');
    expect(messageChanges(base, cleared, STOCKHOLM)).toEqual({
      area: { description: 'Södermalm', districtIds: [] },
    });
  });
});

describe('the districts in the form', () => {
  const form = emptyMessageForm(
    { categories: ['flooding'], messageLanguages: languages },
    NOW,
    STOCKHOLM,
  );

  it('chooses a district clicked on the map, and removes it at the next click, keeping the rest', () => {
    const bromma = withDistrictToggled(form, 'bromma');
    expect(bromma.area.districtIds).toEqual(['bromma']);
    const both = withDistrictToggled(bromma, 'kungsholmen');
    expect(both.area.districtIds).toEqual(['bromma', 'kungsholmen']);
    const kungsholmen = withDistrictToggled(both, 'bromma');
    expect(kungsholmen.area.districtIds).toEqual(['kungsholmen']);
    expect(toCreateMessageRequest(kungsholmen, STOCKHOLM).area.districtIds).toEqual([
      'kungsholmen',
    ]);
  });

  it('lists a district once however often its checkbox says chosen, and leaves the rest alone', () => {
    const bromma = withDistrict(form, 'bromma', true);
    expect(withDistrict(bromma, 'bromma', true)).toBe(bromma);
    expect(withDistrict(bromma, 'farsta', false)).toBe(bromma);
    expect(withDistrict(bromma, 'bromma', false).area.districtIds).toEqual([]);
    expect(withDistrictToggled(bromma, 'farsta').area.description).toBe(form.area.description);
  });
});
