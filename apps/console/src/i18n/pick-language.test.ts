import { describe, expect, it } from 'vitest';
import { pickLanguage } from './pick-language.ts';

describe('pickLanguage', () => {
  it('keeps the language the duty officer chose earlier', () => {
    expect(
      pickLanguage({ stored: 'fi', browserLanguages: ['sv-SE'], cityLanguages: ['sv', 'en'] }),
    ).toBe('fi');
  });

  it("takes the signed-in person's own language over the one chosen on this device", () => {
    expect(
      pickLanguage({
        personal: 'cs',
        stored: 'fi',
        browserLanguages: ['sv-SE'],
        cityLanguages: ['sv', 'en'],
      }),
    ).toBe('cs');
  });

  it("without a language of the person, keeps this device's choice, then the browser's", () => {
    const device = { browserLanguages: ['fi-FI'], cityLanguages: ['sv', 'fi'] } as const;
    expect(pickLanguage({ ...device, personal: null, stored: 'en' })).toBe('en');
    expect(pickLanguage({ ...device, personal: null, stored: null })).toBe('fi');
    expect(pickLanguage({ ...device, personal: 'de', stored: null })).toBe('fi');
  });

  it('takes the first city language the browser prefers', () => {
    expect(
      pickLanguage({
        stored: null,
        browserLanguages: ['de-DE', 'sv-FI', 'fi'],
        cityLanguages: ['fi', 'sv', 'en'],
      }),
    ).toBe('sv');
  });

  it("falls back to the city's first language when the browser prefers none of them", () => {
    expect(
      pickLanguage({ stored: 'de', browserLanguages: ['de-DE', 'en-US'], cityLanguages: ['cs'] }),
    ).toBe('cs');
  });

  it('before the city is known, uses a supported browser language or English', () => {
    expect(pickLanguage({ stored: null, browserLanguages: ['cs-CZ'], cityLanguages: null })).toBe(
      'cs',
    );
    expect(pickLanguage({ stored: null, browserLanguages: ['de'], cityLanguages: null })).toBe(
      'en',
    );
  });
});
