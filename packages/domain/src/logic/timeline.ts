import { JournalKind, type JournalEntry } from '../contracts/journal.ts';

/** One entry of an incident's journal as the console and an inquiry read it. */
export interface TimelineItem {
  entry: JournalEntry;
  /** Current flags: the note's own flags, then every later entry.flagged for this entry, last wins. */
  keyEvent: boolean;
  public: boolean;
  /** Seqs of the entry.corrected entries that point at this entry, oldest first. */
  correctedBy: number[];
  /** When it happened, if the entry says (note/correction eventAt, a report's observedAt). */
  eventAt?: string;
}

/**
 * Every entry as a timeline item in seq order, with the flags later entries set on it and the
 * corrections that point at it. Flags and corrections stay items of their own, so an inquiry
 * sees who changed what when. Pure; one pass after the sort.
 */
export function buildTimeline(entries: readonly JournalEntry[]): TimelineItem[] {
  const ordered = isInSeqOrder(entries) ? entries : [...entries].sort((a, b) => a.seq - b.seq);
  const items: TimelineItem[] = [];
  const bySeq = new Map<number, TimelineItem>();
  for (const entry of ordered) {
    const item = timelineItem(entry);
    if (entry.kind === JournalKind.entryFlagged) {
      // Only an entry before the flag can be flagged by it: the journal is in commit order.
      const target = bySeq.get(entry.data.seq);
      if (target) {
        if (entry.data.keyEvent !== undefined) target.keyEvent = entry.data.keyEvent;
        if (entry.data.public !== undefined) target.public = entry.data.public;
      }
    } else if (entry.kind === JournalKind.entryCorrected) {
      bySeq.get(entry.data.seq)?.correctedBy.push(entry.seq);
    }
    items.push(item);
    bySeq.set(entry.seq, item);
  }
  return items;
}

function timelineItem(entry: JournalEntry): TimelineItem {
  const item: TimelineItem = { entry, keyEvent: false, public: false, correctedBy: [] };
  if (entry.kind === JournalKind.noteAdded) {
    item.keyEvent = entry.data.keyEvent;
    item.public = entry.data.public;
  }
  const eventAt = entryEventAt(entry);
  if (eventAt !== undefined) item.eventAt = eventAt;
  return item;
}

/** When what an entry tells happened, if the entry says: a note's or correction's, a report's. */
export function entryEventAt(entry: JournalEntry): string | undefined {
  switch (entry.kind) {
    case JournalKind.noteAdded:
    case JournalKind.entryCorrected:
      return entry.data.eventAt;
    case JournalKind.reportReceived:
      return entry.data.report.observedAt;
    default:
      return undefined;
  }
}

function isInSeqOrder(entries: readonly JournalEntry[]): boolean {
  for (let i = 1; i < entries.length; i += 1) {
    if (entries[i - 1]!.seq >= entries[i]!.seq) return false;
  }
  return true;
}
