import type { Language, MessageProblem } from '@vaka/domain';

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  sv: 'Swedish',
  fi: 'Finnish',
  en: 'English',
  cs: 'Czech',
};

const FIELD_NAMES = {
  headline: 'headline',
  description: 'description (what has happened)',
  instruction: 'instruction (what to do)',
  sms: 'SMS',
  push: 'push notification',
  social: 'social media post',
} as const;

/** A problem of a message as a sentence fragment a communicator can act on. */
export function problemText(problem: MessageProblem): string {
  switch (problem.kind) {
    case 'language_missing':
      return `the ${LANGUAGE_NAMES[problem.language]} version is missing${problem.blocking ? '' : ' (expected, not required)'}`;
    case 'language_twice':
      return `there are two ${LANGUAGE_NAMES[problem.language]} versions`;
    case 'text_missing':
      return `the ${LANGUAGE_NAMES[problem.language]} ${FIELD_NAMES[problem.field]} is empty`;
    case 'too_long':
      return `the ${LANGUAGE_NAMES[problem.language]} ${FIELD_NAMES[problem.field]} takes ${problem.length} ${problem.unit}, at most ${problem.limit} are allowed`;
    case 'issuer_missing':
      return 'the issuing authority is empty';
    case 'area_missing':
      return 'no district is chosen and no area is drawn';
    case 'validity':
      return 'it expires before it takes effect';
  }
}
