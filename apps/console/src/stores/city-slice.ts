import type { StateCreator } from 'zustand';
import type { CitySettings } from '@vaka/domain';
import type { ConsoleState } from './console-store.ts';

/** The city this installation serves: its name, time zone and languages. */
export interface CitySlice {
  city: CitySettings | null;
  setCity(city: CitySettings): void;
}

/** Builds the city slice. */
export const createCitySlice: StateCreator<ConsoleState, [], [], CitySlice> = (set) => ({
  city: null,
  setCity: (city) => set({ city }),
});
