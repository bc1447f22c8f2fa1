import { parseCityTime } from '../../lib/time-format.ts';

/** What a note or a correction writes: its text, and when it happened if not now. */
export interface TextAndEventAt {
  readonly text: string;
  readonly eventAt?: string;
}

/** What is wrong with a note's or a correction's fields, by field. */
export interface TextAndEventTimeErrors {
  readonly text?: string;
  readonly eventTime?: string;
}

/** The sentences that say what is wrong, in the person's language. */
export interface TextAndEventTimeMessages {
  readonly textRequired: string;
  readonly eventTimeInvalid: string;
}

/**
 * Reads the text and the event-time field (in the city's time; empty means now) of a note or a
 * correction. `written` is null exactly when `errors` names a field: the text is required, and an
 * event time, when given, must be a time.
 */
export function readTextAndEventTime(
  fields: { readonly text: string; readonly eventTime: string },
  timeZone: string,
  messages: TextAndEventTimeMessages,
): { readonly errors: TextAndEventTimeErrors; readonly written: TextAndEventAt | null } {
  const text = fields.text.trim();
  const eventAt =
    fields.eventTime.trim() === ''
      ? undefined
      : (parseCityTime(fields.eventTime, timeZone)?.toISOString() ?? null);
  const errors = {
    ...(text === '' && { text: messages.textRequired }),
    ...(eventAt === null && { eventTime: messages.eventTimeInvalid }),
  };
  if (text === '' || eventAt === null) return { errors, written: null };
  return { errors, written: { text, ...(eventAt !== undefined && { eventAt }) } };
}
