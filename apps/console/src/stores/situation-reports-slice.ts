import type { StateCreator } from 'zustand';
import type { HiddenJournalEntry, JournalEntry } from '@vaka/domain';
import type { ConsoleState } from './console-store.ts';

/** When situation reports last changed, so their screens know to read them again. */
export interface SituationReportsSlice {
  /**
   * Goes up whenever a live `situation_report.*` entry arrives or a resync may have skipped some;
   * the screens read the reports again when it does.
   */
  situationReportsRevision: number;
  /** Notes the situation report entries in a batch of journal entries. */
  applySituationReportEntries(entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>): void;
  /** A snapshot replaced the situation: entries may have been missed in between. */
  markSituationReportsStale(): void;
}

/** Whether an entry is a step of a situation report. */
export function isSituationReportEntry(entry: JournalEntry | HiddenJournalEntry): boolean {
  return entry.kind.startsWith('situation_report.');
}

/** Builds the situation reports slice. */
export const createSituationReportsSlice: StateCreator<
  ConsoleState,
  [],
  [],
  SituationReportsSlice
> = (set) => ({
  situationReportsRevision: 0,
  applySituationReportEntries: (entries) =>
    set((state) =>
      entries.some(isSituationReportEntry)
        ? { situationReportsRevision: state.situationReportsRevision + 1 }
        : state,
    ),
  markSituationReportsStale: () =>
    set((state) => ({ situationReportsRevision: state.situationReportsRevision + 1 })),
});
