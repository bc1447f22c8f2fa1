import { createContext, useContext } from 'react';
import type { AuthService } from './features/auth/auth-service.ts';
import type { ReportSender } from './features/intake/report-sender.ts';
import type { LanguagePreference } from './features/language/language-preference.ts';
import type { ApiClient } from './lib/api.ts';

/** What the console's screens use to talk to the server; made once at start. */
export interface AppServices {
  readonly api: ApiClient;
  readonly auth: AuthService;
  readonly reportSender: ReportSender;
  readonly languagePreference: LanguagePreference;
}

/** Hands the services to every screen; `main.tsx` provides it around the app. */
export const AppServicesContext = createContext<AppServices | null>(null);

/** The console's services, inside `<AppServicesContext>`. */
export function useAppServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (services === null) throw new Error('useAppServices is used outside <AppServicesContext>');
  return services;
}
