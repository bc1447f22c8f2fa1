import { CityName } from './features/city/city-name.tsx';
import { ConnectionIndicator } from './features/connection/connection-indicator.tsx';
import { LanguageSwitcher } from './features/language/language-switcher.tsx';

/** The top bar: the city, the live connection and the language. */
export function AppHeader() {
  return (
    <header className="app-header">
      <CityName />
      <div className="app-header__tools">
        <ConnectionIndicator />
        <LanguageSwitcher />
      </div>
    </header>
  );
}
