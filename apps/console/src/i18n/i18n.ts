import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '@vaka/domain';
import { cs } from './locales/cs.ts';
import { en, type Translation } from './locales/en.ts';
import { fi } from './locales/fi.ts';
import { sv } from './locales/sv.ts';
import { LANGUAGE_STORAGE_KEY } from './pick-language.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}

/** Each language's name in that language, for the language switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  sv: 'Svenska',
  fi: 'Suomi',
  en: 'English',
  cs: 'Čeština',
};

/** Every language's strings, as i18next takes them. */
export const resources = {
  en: { translation: en },
  sv: { translation: sv },
  fi: { translation: fi },
  cs: { translation: cs },
} satisfies Record<Language, { translation: Translation }>;

/** Starts i18next in the given language and keeps `<html lang>` in step with it. */
export async function initI18n(language: Language): Promise<void> {
  i18next.on('languageChanged', (current) => {
    document.documentElement.lang = current;
  });
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
}

/** Switches the language and remembers the choice on this device. */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage can be off (private mode); the choice then lasts until the page reloads.
  }
  await i18next.changeLanguage(language);
}

/** The language chosen earlier on this device, if any. */
export function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}
