import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { chooseLanguage, LANGUAGE_NAMES } from '../../i18n/i18n.ts';
import { isLanguage } from '../../i18n/pick-language.ts';
import { useConsoleStore } from '../../stores/console-store.ts';

const NO_CITY_LANGUAGES: readonly Language[] = [];

/**
 * A choice of the console's language: the city's languages first, then the others. Signed in, the
 * choice is kept with the person's account as well as on this device.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const { languagePreference } = useAppServices();
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
        const language = event.target.value;
        if (!isLanguage(language)) return;
        void chooseLanguage(language);
        void languagePreference.save(language);
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
