import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { App } from './app.tsx';
import { AppServicesContext, type AppServices } from './app-services.ts';
import { AuthService } from './features/auth/auth-service.ts';
import { loadCitySettings } from './features/city/load-city-settings.ts';
import { ReportSender } from './features/intake/report-sender.ts';
import {
  applyPersonLanguageOnSignIn,
  LanguagePreference,
} from './features/language/language-preference.ts';
import { chooseLanguage, initI18n, readStoredLanguage } from './i18n/i18n.ts';
import { pickLanguage } from './i18n/pick-language.ts';
import { ApiClient, type FetchFunction } from './lib/api.ts';
import { followLiveWhileSignedIn } from './live/start-live.ts';
import { selectCsrfToken, selectSession } from './stores/auth-slice.ts';
import { consoleStore } from './stores/console-store.ts';
import './styles/theme.css';

const baseUrl = window.location.origin;
// Called through a wrapper: the browser's fetch must not be called as a method of another object.
const fetchFromServer: FetchFunction = (input, init) => fetch(input, init);

void initI18n(
  pickLanguage({
    stored: readStoredLanguage(),
    browserLanguages: navigator.languages,
    cityLanguages: null,
  }),
);

loadCitySettings({
  baseUrl,
  fetch: fetchFromServer,
  onLoaded: (city) => {
    consoleStore.getState().setCity(city);
    document.title = `${city.name} · Vaka`;
    void i18next.changeLanguage(
      pickLanguage({
        personal: selectSession(consoleStore.getState())?.user.language,
        stored: readStoredLanguage(),
        browserLanguages: navigator.languages,
        cityLanguages: city.languages,
      }),
    );
  },
});

const api = new ApiClient({
  baseUrl,
  fetch: fetchFromServer,
  getCsrfToken: () => selectCsrfToken(consoleStore.getState()),
  onSignedOut: () => consoleStore.getState().sessionEnded(),
});
const services: AppServices = {
  api,
  auth: new AuthService({ api, store: consoleStore }),
  reportSender: new ReportSender({ api }),
  languagePreference: new LanguagePreference({ api, store: consoleStore }),
};

followLiveWhileSignedIn({ store: consoleStore, api, WebSocket: window.WebSocket, network: window });
applyPersonLanguageOnSignIn({
  store: consoleStore,
  apply: (language) => void chooseLanguage(language),
});
void services.auth.loadSession();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppServicesContext value={services}>
      <App />
    </AppServicesContext>
  </StrictMode>,
);
