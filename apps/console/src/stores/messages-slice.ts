import type { StateCreator } from 'zustand';
import { JournalKind, type HiddenJournalEntry, type JournalEntry } from '@vaka/domain';
import type { ConsoleState } from './console-store.ts';

/** When public messages last changed, so their screens know to read them again. */
export interface MessagesSlice {
  /**
   * Goes up whenever a live `message.*` entry arrives or a resync may have skipped some; the
   * screens read the messages again when it does.
   */
  messagesRevision: number;
  /**
   * Per message, goes up whenever a live entry tells of one of its webhook deliveries (delivered,
   * failed), so its page reads what reached the partners again.
   */
  deliveryRevisions: ReadonlyMap<string, number>;
  /** Notes the message entries in a batch of journal entries. */
  applyMessageEntries(entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>): void;
  /** A snapshot replaced the situation: entries may have been missed in between. */
  markMessagesStale(): void;
}

/** Whether an entry is a step of a public message. */
export function isMessageEntry(entry: JournalEntry | HiddenJournalEntry): boolean {
  return entry.kind.startsWith('message.');
}

/** The messages whose webhook deliveries a batch of journal entries tells of. */
export function messagesWithDeliveries(
  entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>,
): Set<string> {
  const messageIds = new Set<string>();
  for (const entry of entries) {
    if (
      (entry.kind === JournalKind.webhookDelivered ||
        entry.kind === JournalKind.webhookDeliveryFailed) &&
      entry.data.delivery.messageId !== undefined
    ) {
      messageIds.add(entry.data.delivery.messageId);
    }
  }
  return messageIds;
}

/** Builds the messages slice. */
export const createMessagesSlice: StateCreator<ConsoleState, [], [], MessagesSlice> = (set) => ({
  messagesRevision: 0,
  deliveryRevisions: new Map(),
  applyMessageEntries: (entries) =>
    set((state) => {
      const changed = entries.some(isMessageEntry);
      const delivered = messagesWithDeliveries(entries);
      if (!changed && delivered.size === 0) return state;
      const deliveryRevisions = new Map(state.deliveryRevisions);
      for (const messageId of delivered) {
        deliveryRevisions.set(messageId, (deliveryRevisions.get(messageId) ?? 0) + 1);
      }
      return {
        messagesRevision: changed ? state.messagesRevision + 1 : state.messagesRevision,
        ...(delivered.size > 0 && { deliveryRevisions }),
      };
    }),
  markMessagesStale: () => set((state) => ({ messagesRevision: state.messagesRevision + 1 })),
});
