import { useConsoleStore } from '../../stores/console-store.ts';

const browserTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The city's IANA time zone; the browser's until the city settings have loaded. */
export function useCityTimeZone(): string {
  return useConsoleStore((state) => state.city?.timeZone ?? browserTimeZone);
}
