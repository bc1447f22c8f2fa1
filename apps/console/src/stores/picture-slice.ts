import type { StateCreator } from 'zustand';
import type { HiddenJournalEntry, JournalEntry } from '@vaka/domain';
import { changesPlannedEvents, mayChangeKeyEvents } from '../features/picture/picture-logic.ts';
import type { ConsoleState } from './console-store.ts';

/** What the situation picture reads from the server, and when the console last heard from it. */
export interface PictureSlice {
  /** Goes up when a live entry may change the key events, or a resync may have skipped some. */
  pictureKeyEventsRevision: number;
  /** Goes up when a live `planned_event.*` entry arrives, or a resync may have skipped some. */
  picturePlannedEventsRevision: number;
  /** When the console last took in the situation from the server: a snapshot or live entries. */
  pictureUpdatedAt: Date | null;
  /** Notes the entries of a batch that change what the picture reads from the server. */
  applyPictureEntries(entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>, now: Date): void;
  /** A snapshot replaced the situation: entries may have been missed in between. */
  markPictureStale(now: Date): void;
}

/** Builds the picture slice. */
export const createPictureSlice: StateCreator<ConsoleState, [], [], PictureSlice> = (set) => ({
  pictureKeyEventsRevision: 0,
  picturePlannedEventsRevision: 0,
  pictureUpdatedAt: null,
  applyPictureEntries: (entries, now) =>
    set((state) => {
      if (entries.length === 0) return state;
      const keyEvents = entries.some(mayChangeKeyEvents);
      const plannedEvents = entries.some(changesPlannedEvents);
      return {
        pictureUpdatedAt: now,
        ...(keyEvents && { pictureKeyEventsRevision: state.pictureKeyEventsRevision + 1 }),
        ...(plannedEvents && {
          picturePlannedEventsRevision: state.picturePlannedEventsRevision + 1,
        }),
      };
    }),
  markPictureStale: (now) =>
    set((state) => ({
      pictureUpdatedAt: now,
      pictureKeyEventsRevision: state.pictureKeyEventsRevision + 1,
      picturePlannedEventsRevision: state.picturePlannedEventsRevision + 1,
    })),
});
