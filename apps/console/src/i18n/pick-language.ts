import { LANGUAGES, type Language } from '@vaka/domain';

export const LANGUAGE_STORAGE_KEY = 'vaka.language';

/** Whether a string names a language the console speaks. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export interface LanguageChoiceInput {
  /** The language the signed-in person chose, kept with their account, if any. */
  readonly personal?: string | null;
  /** What the duty officer chose earlier on this device, if anything. */
  readonly stored: string | null;
  /** The browser's preferred languages, most preferred first (navigator.languages). */
  readonly browserLanguages: readonly string[];
  /** The city's languages, its default first; null while the city settings are not loaded. */
  readonly cityLanguages: readonly Language[] | null;
}

/**
 * The console's language: the signed-in person's own, else an earlier choice on this device, else
 * the first of the city's languages the browser prefers, else the city's default language.
 */
export function pickLanguage({
  personal,
  stored,
  browserLanguages,
  cityLanguages,
}: LanguageChoiceInput): Language {
  // The person's choice follows them from desk to desk; the device's is whoever chose last here.
  if (isLanguage(personal)) return personal;
  if (isLanguage(stored)) return stored;
  const candidates = cityLanguages ?? LANGUAGES;
  for (const browserLanguage of browserLanguages) {
    const base = browserLanguage.toLowerCase().split('-')[0];
    const match = candidates.find((language) => language === base);
    if (match !== undefined) return match;
  }
  return cityLanguages?.[0] ?? 'en';
}
