import {
  LANGUAGES,
  type CitySettings,
  type Language,
  type MessageVariant,
  type PublicMessage,
} from '@vaka/domain';

/**
 * The language a reader gets the public page and feeds in: `?lang=` when it names one Vaka
 * speaks, else the first such language of the browser's `Accept-Language` (by its weights), else
 * the city's first language.
 */
export function readerLanguage(
  city: Pick<CitySettings, 'languages'>,
  asked: string | undefined,
  acceptLanguage: string | undefined,
): Language {
  const chosen = asked === undefined ? undefined : known(asked);
  if (chosen !== undefined) return chosen;
  for (const tag of acceptedTags(acceptLanguage ?? '')) {
    const accepted = known(tag);
    if (accepted !== undefined) return accepted;
  }
  return city.languages[0] ?? 'en';
}

/** The languages of an `Accept-Language` header, the most wanted first; `q=0` ones left out. */
function acceptedTags(header: string): string[] {
  return header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const weight = parameters
        .map((parameter) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(parameter)?.[1])
        .find((value) => value !== undefined);
      return { tag: tag.trim(), q: weight === undefined ? 1 : Number(weight), index };
    })
    .filter(({ tag, q }) => tag !== '' && tag !== '*' && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ tag }) => tag);
}

function known(tag: string): Language | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0];
  return LANGUAGES.find((language) => language === primary);
}

/** A message's text as a reader gets it, and whether it is not in the language they asked for. */
export interface ShownVariant {
  variant: MessageVariant;
  /** The reader's language had no variant: this one is the city's first required language. */
  fallback: boolean;
}

/**
 * The variant of a message in the reader's language; else the one in the city's first required
 * language, which every approved message has; else the first it has.
 */
export function shownVariant(
  message: PublicMessage,
  language: Language,
  city: Pick<CitySettings, 'messageLanguages'>,
): ShownVariant | undefined {
  const own = message.variants.find((variant) => variant.language === language);
  if (own !== undefined) return { variant: own, fallback: false };
  const required = city.messageLanguages.required[0];
  const fallback =
    message.variants.find((variant) => variant.language === required) ?? message.variants[0];
  return fallback === undefined ? undefined : { variant: fallback, fallback: true };
}
