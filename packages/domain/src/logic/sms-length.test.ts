import { describe, expect, it } from 'vitest';
import { smsLength } from './sms-length.ts';

describe('smsLength', () => {
  it('fits 160 GSM-7 characters in one SMS, and splits longer texts 153 to a part', () => {
    expect(smsLength('')).toMatchObject({ segments: 0, units: 0 });
    expect(smsLength('a'.repeat(160))).toMatchObject({
      encoding: 'gsm7',
      segments: 1,
      remaining: 0,
    });
    expect(smsLength('a'.repeat(161))).toMatchObject({ segments: 2, remaining: 306 - 161 });
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307)).segments).toBe(3);
  });

  it('keeps Swedish and Finnish in GSM-7, and counts the extension table twice', () => {
    const swedish = 'Vattenläcka på Götgatan: undvik området. Följ krisinformation.se';
    expect(smsLength(swedish)).toMatchObject({ encoding: 'gsm7', units: swedish.length });
    expect(smsLength('Älä käytä hanavettä. ÅÄÖ').encoding).toBe('gsm7');
    expect(smsLength('Pris 10 € [info]')).toMatchObject({ encoding: 'gsm7', units: 19 });
  });

  it('turns the whole text into UCS-2 for Czech letters or an emoji, naming them', () => {
    const czech = 'Nepijte vodu z kohoutku, řeší se porucha.';
    expect(smsLength(czech)).toMatchObject({
      encoding: 'ucs2',
      units: czech.length,
      segments: 1,
      nonGsmCharacters: ['ř', 'š', 'í'],
    });
    expect(smsLength('ř'.repeat(70)).segments).toBe(1);
    expect(smsLength('ř'.repeat(71))).toMatchObject({ segments: 2, remaining: 134 - 71 });
    // An emoji is two UTF-16 units.
    expect(smsLength('Varning ⚠️🔥')).toMatchObject({ encoding: 'ucs2', units: 12 });
  });
});
