import type { TFunction } from 'i18next';
import {
  MESSAGE_LIMITS,
  SmsEncoding,
  smsLength,
  type MessageProblem,
  type MessageStatus,
} from '@vaka/domain';
import { LANGUAGE_NAMES } from '../../i18n/i18n.ts';

/** What the SMS rendition costs, as its counter shows it. */
export interface SmsCounter {
  readonly characters: number;
  readonly encoding: SmsEncoding;
  readonly segments: number;
  readonly limit: number;
  readonly over: boolean;
  /** For UCS-2: the characters that made it so. */
  readonly nonGsmCharacters: readonly string[];
}

/** The SMS counter of a text: its encoding, its segments of the limit, and why UCS-2. */
export function smsCounter(text: string): SmsCounter {
  const length = smsLength(text);
  return {
    characters: [...text].length,
    encoding: length.encoding,
    segments: length.segments,
    limit: MESSAGE_LIMITS.smsSegments,
    over: length.segments > MESSAGE_LIMITS.smsSegments,
    nonGsmCharacters: length.nonGsmCharacters,
  };
}

/** A counter of characters against a limit, as people count them (an emoji is one). */
export interface CharacterCounter {
  readonly characters: number;
  readonly limit: number;
  readonly over: boolean;
}

/** The counter of a push or social rendition. */
export function characterCounter(text: string, limit: number): CharacterCounter {
  const characters = [...text].length;
  return { characters, limit, over: characters > limit };
}

/** "120 characters · GSM-7 · 1 of 3 SMS", with UCS-2 naming the characters that caused it. */
export function smsCounterText(counter: SmsCounter, t: TFunction): string {
  const encoding =
    counter.encoding === SmsEncoding.gsm7
      ? t('messages.counter.gsm7')
      : t('messages.counter.ucs2', {
          characters: counter.nonGsmCharacters.map((character) => `“${character}”`).join(' '),
        });
  const parts = [
    t('messages.counter.characters', { characters: counter.characters }),
    encoding,
    t('messages.counter.segments', { segments: counter.segments, limit: counter.limit }),
  ];
  if (counter.over) parts.push(t('messages.counter.tooLong'));
  return parts.join(' · ');
}

/** "120 of 178 characters", and that it is too long when it is. */
export function characterCounterText(counter: CharacterCounter, t: TFunction): string {
  const text = t('messages.counter.ofLimit', {
    characters: counter.characters,
    limit: counter.limit,
  });
  return counter.over ? `${text} · ${t('messages.counter.tooLong')}` : text;
}

/** Blocking problems first, each group in the order found. */
export function sortedProblems(problems: readonly MessageProblem[]): MessageProblem[] {
  return [
    ...problems.filter((problem) => problem.blocking),
    ...problems.filter((problem) => !problem.blocking),
  ];
}

/** A problem in words, e.g. "Svenska: the SMS is too long (4 of 3 SMS)". */
export function problemText(problem: MessageProblem, t: TFunction): string {
  switch (problem.kind) {
    case 'language_missing':
      return problem.blocking
        ? t('messages.problem.requiredMissing', { language: LANGUAGE_NAMES[problem.language] })
        : t('messages.problem.expectedMissing', { language: LANGUAGE_NAMES[problem.language] });
    case 'language_twice':
      return t('messages.problem.languageTwice', { language: LANGUAGE_NAMES[problem.language] });
    case 'text_missing':
      return t('messages.problem.textMissing', {
        language: LANGUAGE_NAMES[problem.language],
        field: t(`messages.problemField.${problem.field}`),
      });
    case 'too_long':
      return t(
        problem.unit === 'segments'
          ? 'messages.problem.tooLongSegments'
          : 'messages.problem.tooLongCharacters',
        {
          language: LANGUAGE_NAMES[problem.language],
          field: t(`messages.problemField.${problem.field}`),
          length: problem.length,
          limit: problem.limit,
        },
      );
    case 'issuer_missing':
      return t('messages.problem.issuerMissing');
    case 'area_missing':
      return t('messages.problem.areaMissing');
    case 'validity':
      return t('messages.problem.validity');
  }
}

/** A status in words. */
export function statusText(status: MessageStatus, t: TFunction): string {
  return t(`messages.status.${status}`);
}
