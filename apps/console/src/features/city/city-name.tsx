import { useTranslation } from 'react-i18next';
import { useConsoleStore } from '../../stores/console-store.ts';

/** The name of the city this console serves, as the page's main heading. */
export function CityName() {
  const { t } = useTranslation();
  const cityName = useConsoleStore((state) => state.city?.name);
  return (
    <h1 className="app-header__title">
      <span className="app-header__product">{t('app.name')}</span>{' '}
      <span className="app-header__city" data-testid="city-name">
        {cityName ?? t('app.loadingCity')}
      </span>
    </h1>
  );
}
