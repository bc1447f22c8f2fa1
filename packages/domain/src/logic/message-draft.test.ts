import { describe, expect, it } from 'vitest';
import { CATEGORIES, LANGUAGES } from '../contracts/enums.ts';
import { approvable, messageProblems } from './message-check.ts';
import { categoryWord, messageDraftFromIncident, templateVariant } from './message-draft.ts';

const helsinki = { required: ['fi' as const, 'sv' as const], expected: ['en' as const] };
const now = new Date('2026-11-22T08:00:00.000Z');

describe('messageDraftFromIncident', () => {
  it('starts from the incident: its category, district, public facts and the owed languages', () => {
    const draft = messageDraftFromIncident(
      {
        category: 'utility_water',
        severity: 'serious',
        district: { id: 'kallio', name: 'Kallio' },
        location: { address: 'Helsinginkatu 1' },
      },
      {
        issuer: 'Helsingin kaupunki',
        languages: helsinki,
        facts: ['Vesijohto on rikkoutunut Helsinginkadulla.', 'Korjaus kestää iltaan.'],
        now,
      },
    );
    expect(draft).toMatchObject({
      category: 'utility_water',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
      area: { description: 'Kallio', districtIds: ['kallio'] },
      effective: '2026-11-22T08:00:00.000Z',
      expires: '2026-11-22T14:00:00.000Z',
      issuer: 'Helsingin kaupunki',
      exercise: false,
    });
    expect(draft.variants.map((variant) => [variant.language, variant.headline])).toEqual([
      ['fi', 'Vesikatko: Kallio'],
      ['sv', 'Vattenavbrott: Kallio'],
      ['en', 'Water supply disruption: Kallio'],
    ]);
    expect(draft.variants[1]).toMatchObject({
      description: 'Vesijohto on rikkoutunut Helsinginkadulla.\n\nKorjaus kestää iltaan.',
      instruction: 'Koka dricksvattnet tills vidare. Vattentankar finns utställda i området.',
    });
    // Drafted this way it can go to review at once, facts and all.
    expect(approvable(messageProblems(draft, helsinki))).toBe(true);
  });

  it('needs facts before approval when the journal released none, and an area without a district', () => {
    const draft = messageDraftFromIncident(
      { category: 'fire', severity: 'minor', location: { address: 'Götgatan 78' } },
      { issuer: 'Stockholms stad', languages: { required: ['sv'], expected: [] }, facts: [], now },
    );
    expect(draft.urgency).toBe('Expected');
    expect(draft.area).toEqual({ description: 'Götgatan 78', districtIds: [] });
    expect(messageProblems(draft, { required: ['sv'], expected: [] })).toEqual([
      { kind: 'text_missing', language: 'sv', field: 'description', blocking: true },
      { kind: 'area_missing', blocking: true },
    ]);
  });
});

describe('templates', () => {
  it('have a word and an instruction for every category in every language, within the limits', () => {
    for (const category of CATEGORIES) {
      for (const language of LANGUAGES) {
        expect(categoryWord(category, language)).not.toBe('');
        const variant = templateVariant(category, language, 'Södermalm', 'Fakta.');
        const problems = messageProblems(
          {
            variants: [variant],
            issuer: 'Stad',
            area: { description: 'x', districtIds: ['x'] },
            effective: now.toISOString(),
            expires: '2026-11-23T08:00:00.000Z',
          },
          { required: [language], expected: [] },
        );
        expect(problems, `${category} in ${language}`).toEqual([]);
      }
    }
  });
});
