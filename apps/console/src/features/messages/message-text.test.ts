import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MessageProblem } from '@vaka/domain';
import { resources } from '../../i18n/i18n.ts';
import {
  characterCounter,
  characterCounterText,
  problemText,
  smsCounter,
  smsCounterText,
  sortedProblems,
} from './message-text.ts';

const instance = i18next.createInstance();
beforeAll(async () => {
  await instance.init({ resources, lng: 'en', interpolation: { escapeValue: false } });
});

describe('the counters', () => {
  const t = instance.t;
  it('counts a Swedish SMS as GSM-7 and turns UCS-2 naming the character that did it', () => {
    expect(smsCounterText(smsCounter('Undvik Gamla stan, gå runt.'), t)).toBe(
      'Characters: 27 · GSM-7 · 1 of 3 SMS',
    );
    const czech = smsCounter('Pozor, řeka stoupá');
    expect(czech.encoding).toBe('ucs2');
    expect(smsCounterText(czech, t)).toBe('Characters: 18 · UCS-2 because of “ř” “á” · 1 of 3 SMS');
  });

  it('says in words when a rendition is over its limit', () => {
    const long = smsCounter('č'.repeat(202));
    expect(long.over).toBe(true);
    expect(smsCounterText(long, t)).toContain('4 of 3 SMS · Too long');
    expect(characterCounterText(characterCounter('a'.repeat(179), 178), t)).toBe(
      '179 of 178 characters · Too long',
    );
    expect(characterCounterText(characterCounter('🌊 Flood', 178), t)).toBe('7 of 178 characters');
  });
});

describe('the problems', () => {
  const t = instance.t;
  it('puts blocking problems first and names them in words', () => {
    const problems: MessageProblem[] = [
      { kind: 'language_missing', language: 'en', blocking: false },
      { kind: 'language_missing', language: 'sv', blocking: true },
      {
        kind: 'too_long',
        language: 'sv',
        field: 'push',
        length: 200,
        limit: 178,
        unit: 'characters',
        blocking: true,
      },
    ];
    expect(sortedProblems(problems).map((problem) => problemText(problem, t))).toEqual([
      'Svenska is required and missing',
      'Svenska: the push text is too long (200 of 178 characters)',
      'English is expected and missing',
    ]);
  });
});
