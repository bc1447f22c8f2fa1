import { createStore, useStore } from 'zustand';
import { createAuthSlice, type AuthSlice } from './auth-slice.ts';
import { createCitySlice, type CitySlice } from './city-slice.ts';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice.ts';
import { createEscalationsSlice, type EscalationsSlice } from './escalations-slice.ts';
import { createFiltersSlice, type FiltersSlice } from './filters-slice.ts';
import { createHandoversSlice, type HandoversSlice } from './handovers-slice.ts';
import { createIncidentDetailSlice, type IncidentDetailSlice } from './incident-detail-slice.ts';
import { createIncidentsSlice, type IncidentsSlice } from './incidents-slice.ts';
import { createIntakeSlice, type IntakeSlice } from './intake-slice.ts';
import { createMessagesSlice, type MessagesSlice } from './messages-slice.ts';
import { createPictureSlice, type PictureSlice } from './picture-slice.ts';
import { createReadinessSlice, type ReadinessSlice } from './readiness-slice.ts';
import {
  createSituationReportsSlice,
  type SituationReportsSlice,
} from './situation-reports-slice.ts';

/** Everything the console shows, changed only through the slices' actions. */
export type ConsoleState = ConnectionSlice &
  IncidentsSlice &
  IncidentDetailSlice &
  CitySlice &
  AuthSlice &
  IntakeSlice &
  FiltersSlice &
  ReadinessSlice &
  EscalationsSlice &
  MessagesSlice &
  PictureSlice &
  SituationReportsSlice &
  HandoversSlice;

/** Creates a console store; the app uses one, tests make their own. */
export function createConsoleStore() {
  return createStore<ConsoleState>()((...args) => ({
    ...createConnectionSlice(...args),
    ...createIncidentsSlice(...args),
    ...createIncidentDetailSlice(...args),
    ...createCitySlice(...args),
    ...createAuthSlice(...args),
    ...createIntakeSlice(...args),
    ...createFiltersSlice(...args),
    ...createReadinessSlice(...args),
    ...createEscalationsSlice(...args),
    ...createMessagesSlice(...args),
    ...createPictureSlice(...args),
    ...createSituationReportsSlice(...args),
    ...createHandoversSlice(...args),
  }));
}

export type ConsoleStore = ReturnType<typeof createConsoleStore>;

/** The console's one store. */
export const consoleStore: ConsoleStore = createConsoleStore();

/** Reads a slice of the console store in a component; re-renders only when that slice changes. */
export function useConsoleStore<T>(selector: (state: ConsoleState) => T): T {
  return useStore(consoleStore, selector);
}
