import type { StateCreator } from 'zustand';
import type { HiddenJournalEntry, JournalEntry } from '@vaka/domain';
import type { ConsoleState } from './console-store.ts';

/** When handovers last changed, so their screen and who is on duty are read again. */
export interface HandoversSlice {
  /**
   * Goes up whenever a live `handover.*` entry arrives or a resync may have skipped some; the
   * handover screen and the header's "on duty" read again when it does.
   */
  handoversRevision: number;
  /** Notes the handover entries in a batch of journal entries. */
  applyHandoverEntries(entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>): void;
  /** A snapshot replaced the situation: entries may have been missed in between. */
  markHandoversStale(): void;
}

/** Whether an entry is a step of a handover. */
export function isHandoverEntry(entry: JournalEntry | HiddenJournalEntry): boolean {
  return entry.kind.startsWith('handover.');
}

/** Builds the handovers slice. */
export const createHandoversSlice: StateCreator<ConsoleState, [], [], HandoversSlice> = (set) => ({
  handoversRevision: 0,
  applyHandoverEntries: (entries) =>
    set((state) =>
      entries.some(isHandoverEntry) ? { handoversRevision: state.handoversRevision + 1 } : state,
    ),
  markHandoversStale: () => set((state) => ({ handoversRevision: state.handoversRevision + 1 })),
});
