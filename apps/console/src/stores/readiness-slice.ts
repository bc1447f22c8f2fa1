import type { StateCreator } from 'zustand';
import {
  applyReadiness,
  type HiddenJournalEntry,
  type JournalEntry,
  type Readiness,
} from '@vaka/domain';
import type { ConsoleState } from './console-store.ts';

/** The city's readiness level, as the last snapshot and the journal since have it. */
export interface ReadinessSlice {
  /** Null until the first snapshot has arrived. */
  readiness: Readiness | null;
  /** Takes the level from a snapshot (at start and after a resync). */
  loadReadiness(readiness: Readiness): void;
  /** Follows level changes in a batch of journal entries. */
  applyReadinessEntries(entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>): void;
  /** Forgets the level, when nobody who may see it is signed in. */
  clearReadiness(): void;
}

/** Builds the readiness slice. */
export const createReadinessSlice: StateCreator<ConsoleState, [], [], ReadinessSlice> = (set) => ({
  readiness: null,
  loadReadiness: (readiness) => set({ readiness }),
  applyReadinessEntries: (entries) =>
    set((state) => {
      if (state.readiness === null) return state;
      const readiness = applyReadiness(state.readiness, entries);
      return readiness === state.readiness ? state : { readiness };
    }),
  clearReadiness: () => set({ readiness: null }),
});
