import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '@vaka/domain';
import { chooseLanguage, LANGUAGE_NAMES } from '../../i18n/i18n.ts';
import { isLanguage } from '../../i18n/pick-language.ts';
import { useConsoleStore } from '../../stores/console-store.ts';

const NO_CITY_LANGUAGES: readonly Language[] = [];

/** A choice of the console's language: the city's languages first, then the others. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const cityLanguages = useConsoleStore((state) => state.city?.languages ?? NO_CITY_LANGUAGES);
  const languages = [
    ...cityLanguages,
    ...LANGUAGES.filter((language) => !cityLanguages.includes(language)),
  ];

  return (
    <select
      className="language-switcher"
      aria-label={t('language.label')}
      value={i18n.resolvedLanguage ?? i18n.language}
      onChange={(event) => {
        if (isLanguage(event.target.value)) void chooseLanguage(event.target.value);
      }}
    >
      {languages.map((language) => (
        <option key={language} value={language} lang={language}>
          {LANGUAGE_NAMES[language]}
        </option>
      ))}
    </select>
  );
}
