import type { StateCreator } from 'zustand';
import type { HiddenJournalEntry, JournalEntry } from '@vaka/domain';
import type { ConsoleState } from './console-store.ts';

/** When public messages last changed, so their screens know to read them again. */
export interface MessagesSlice {
  /**
   * Goes up whenever a live `message.*` entry arrives or a resync may have skipped some; the
   * screens read the messages again when it does.
   */
  messagesRevision: number;
  /** Notes the message entries in a batch of journal entries. */
  applyMessageEntries(entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>): void;
  /** A snapshot replaced the situation: entries may have been missed in between. */
  markMessagesStale(): void;
}

/** Whether an entry is a step of a public message. */
export function isMessageEntry(entry: JournalEntry | HiddenJournalEntry): boolean {
  return entry.kind.startsWith('message.');
}

/** Builds the messages slice. */
export const createMessagesSlice: StateCreator<ConsoleState, [], [], MessagesSlice> = (set) => ({
  messagesRevision: 0,
  applyMessageEntries: (entries) =>
    set((state) =>
      entries.some(isMessageEntry) ? { messagesRevision: state.messagesRevision + 1 } : state,
    ),
  markMessagesStale: () => set((state) => ({ messagesRevision: state.messagesRevision + 1 })),
});
