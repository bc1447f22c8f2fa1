import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../i18n/locales/en.ts';
import { fi } from '../../i18n/locales/fi.ts';
import type { DuplicateReason } from '@vaka/domain';
import { formatDistance, reasonText } from './duplicate-reasons.ts';

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({
    resources: { en: { translation: en }, fi: { translation: fi } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
});

describe('reasonText', () => {
  it('says every reason in words', () => {
    const t = i18n.getFixedT('en');
    const reasons: DuplicateReason[] = [
      { kind: 'same_category' },
      { kind: 'related_category', category: 'flooding' },
      { kind: 'nearby', distanceMeters: 347 },
      { kind: 'same_address' },
      { kind: 'same_district', district: 'Södermalm' },
      { kind: 'close_in_time', minutes: 12 },
      { kind: 'similar_words', words: ['smoke', 'school'] },
    ];
    expect(reasons.map((reason) => reasonText(reason, t, 'en'))).toEqual([
      'same category',
      'related category (Flooding)',
      '350 m away',
      'same address',
      'same district (Södermalm)',
      '12 min apart',
      'similar words: smoke, school',
    ]);
  });

  it('speaks the person’s language', () => {
    expect(reasonText({ kind: 'same_address' }, i18n.getFixedT('fi'), 'fi')).toBe('sama osoite');
  });
});

describe('formatDistance', () => {
  it('gives metres under a kilometre and kilometres above', () => {
    expect(formatDistance(84, 'en')).toBe('80 m');
    expect(formatDistance(1_540, 'en')).toBe('1.5 km');
    expect(formatDistance(1_540, 'sv')).toBe('1,5 km');
  });
});
