import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import i18next from 'i18next';
import { App } from './app.tsx';
import { loadCitySettings } from './features/city/load-city-settings.ts';
import { ReportSender } from './features/intake/report-sender.ts';
import { initI18n, readStoredLanguage } from './i18n/i18n.ts';
import { pickLanguage } from './i18n/pick-language.ts';
import type { FetchFunction } from './live/live-client.ts';
import { startLive } from './live/start-live.ts';
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
        stored: readStoredLanguage(),
        browserLanguages: navigator.languages,
        cityLanguages: city.languages,
      }),
    );
  },
});

startLive(consoleStore, baseUrl, fetchFromServer);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App reportSender={new ReportSender({ baseUrl, fetch: fetchFromServer })} />
  </StrictMode>,
);
