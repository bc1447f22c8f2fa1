import { describe, expect, it } from 'vitest';
import { readTextAndEventTime } from './text-and-event-time.ts';

const STOCKHOLM = 'Europe/Stockholm';
const MESSAGES = { textRequired: 'Write the note.', eventTimeInvalid: 'Not a time.' };

describe('readTextAndEventTime', () => {
  it('trims the text and leaves the event time out when the field is empty', () => {
    expect(
      readTextAndEventTime(
        { text: '  Water off on Götgatan \n', eventTime: ' ' },
        STOCKHOLM,
        MESSAGES,
      ),
    ).toEqual({ errors: {}, written: { text: 'Water off on Götgatan' } });
  });

  it('reads the event time in the city time zone', () => {
    expect(
      readTextAndEventTime(
        { text: 'Pump truck arrived', eventTime: '2025-07-01T09:05' },
        STOCKHOLM,
        MESSAGES,
      ),
    ).toEqual({
      errors: {},
      written: { text: 'Pump truck arrived', eventAt: '2025-07-01T07:05:00.000Z' },
    });
  });

  it('names both fields when the text is blank and the event time is not a time', () => {
    expect(
      readTextAndEventTime({ text: '   ', eventTime: '2025-02-30T09:05' }, STOCKHOLM, MESSAGES),
    ).toEqual({
      errors: { text: 'Write the note.', eventTime: 'Not a time.' },
      written: null,
    });
  });

  it('refuses a good text with a bad event time, and a good event time without text', () => {
    expect(
      readTextAndEventTime({ text: 'Road closed', eventTime: 'yesterday' }, STOCKHOLM, MESSAGES),
    ).toEqual({ errors: { eventTime: 'Not a time.' }, written: null });
    expect(
      readTextAndEventTime({ text: '', eventTime: '2025-07-01T09:05' }, STOCKHOLM, MESSAGES),
    ).toEqual({ errors: { text: 'Write the note.' }, written: null });
  });
});
