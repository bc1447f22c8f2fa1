import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { resources } from '../i18n/i18n.ts';
import { failureText, tooManyAttemptsText, waitInWords } from './failure-text.ts';

async function translator(language: string) {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng: language, interpolation: { escapeValue: false } });
  return instance.t;
}

describe('waitInWords', () => {
  it('says seconds under a minute and whole minutes, rounded up, from a minute on', () => {
    expect(waitInWords(0)).toEqual({ unit: 'seconds', count: 1 });
    expect(waitInWords(45)).toEqual({ unit: 'seconds', count: 45 });
    expect(waitInWords(60)).toEqual({ unit: 'minutes', count: 1 });
    expect(waitInWords(61)).toEqual({ unit: 'minutes', count: 2 });
    expect(waitInWords(900)).toEqual({ unit: 'minutes', count: 15 });
  });
});

describe('tooManyAttemptsText', () => {
  it('tells in English how long to wait', async () => {
    const t = await translator('en');
    expect(tooManyAttemptsText(1, t)).toBe('Too many attempts — try again in 1 second');
    expect(tooManyAttemptsText(300, t)).toBe('Too many attempts — try again in 5 minutes');
    expect(tooManyAttemptsText(null, t)).toBe('Too many attempts — try again later');
  });

  it('uses every Czech plural form', async () => {
    const t = await translator('cs');
    expect(tooManyAttemptsText(60, t)).toMatch(/za 1 minutu$/);
    expect(tooManyAttemptsText(180, t)).toMatch(/za 3 minuty$/);
    expect(tooManyAttemptsText(300, t)).toMatch(/za 5 minut$/);
    expect(tooManyAttemptsText(2, t)).toMatch(/za 2 sekundy$/);
  });
});

describe('failureText', () => {
  it('passes on the server’s reason for a rejection and names the status of a failure', async () => {
    const t = await translator('en');
    expect(
      failureText(
        { outcome: 'rejected', status: 409, message: 'Username taken', retryAfterSeconds: null },
        t,
      ),
    ).toBe('Not accepted: Username taken');
    expect(failureText({ outcome: 'server_error', status: 500 }, t)).toMatch(/\(500\)/);
  });
});
