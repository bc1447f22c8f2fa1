import { describe, expect, it } from 'vitest';
import { JournalKind, type JournalEntry } from '../contracts/journal.ts';
import { buildIncident } from '../../../../tests/support/factories.ts';
import { buildTimeline } from './timeline.ts';

const incident = buildIncident();
const head = (seq: number) => ({
  seq,
  recordedAt: `2026-11-22T09:${String(seq).padStart(2, '0')}:00.000Z`,
  actor: 'anna',
  incidentId: incident.id,
});

const opened = (seq: number): JournalEntry => ({
  ...head(seq),
  kind: JournalKind.incidentOpened,
  data: { incident },
});
const report = (seq: number, observedAt: string): JournalEntry => ({
  ...head(seq),
  kind: JournalKind.reportReceived,
  data: {
    report: {
      id: '00000000-0000-4000-8000-00000000aaaa',
      incidentId: incident.id,
      title: 'Smoke from a stairwell',
      category: 'fire',
      severity: 'serious',
      location: { address: 'Vällingby centrum' },
      observedAt,
      receivedAt: head(seq).recordedAt,
      source: { channel: 'phone' },
    },
  },
});
const note = (
  seq: number,
  flags: { keyEvent?: boolean; public?: boolean; eventAt?: string } = {},
): JournalEntry => ({
  ...head(seq),
  kind: JournalKind.noteAdded,
  data: {
    text: `note ${seq}`,
    keyEvent: flags.keyEvent ?? false,
    public: flags.public ?? false,
    ...(flags.eventAt !== undefined && { eventAt: flags.eventAt }),
  },
});
const flag = (seq: number, target: number, flags: { keyEvent?: boolean; public?: boolean }) =>
  ({
    ...head(seq),
    kind: JournalKind.entryFlagged,
    data: { seq: target, ...flags },
  }) satisfies JournalEntry;
const correction = (seq: number, target: number, eventAt?: string) =>
  ({
    ...head(seq),
    kind: JournalKind.entryCorrected,
    data: { seq: target, text: `right text ${seq}`, ...(eventAt !== undefined && { eventAt }) },
  }) satisfies JournalEntry;

describe('buildTimeline', () => {
  it('makes every entry an item, flags and corrections included, in seq order', () => {
    const entries = [opened(1), note(2), flag(3, 2, { keyEvent: true }), correction(4, 2)];
    const timeline = buildTimeline([entries[2]!, entries[0]!, entries[3]!, entries[1]!]);
    expect(timeline.map((item) => item.entry)).toEqual(entries);
  });

  it("starts from a note's own flags and lets each later flag entry set them, the last one winning", () => {
    const timeline = buildTimeline([
      note(1, { keyEvent: true, public: false }),
      note(2),
      flag(3, 1, { public: true }),
      flag(4, 1, { keyEvent: false }),
      flag(5, 2, { keyEvent: true }),
      flag(6, 2, { keyEvent: false, public: true }),
      flag(7, 2, { keyEvent: true }),
    ]);
    expect(timeline[0]).toMatchObject({ keyEvent: false, public: true });
    expect(timeline[1]).toMatchObject({ keyEvent: true, public: true });
    expect(timeline.slice(2).every((item) => !item.keyEvent && !item.public)).toBe(true);
  });

  it('lists the corrections of an entry oldest first and leaves the corrected entry as it was', () => {
    const original = note(2, { eventAt: '2026-11-22T08:00:00.000Z' });
    const timeline = buildTimeline([
      opened(1),
      original,
      correction(3, 2, '2026-11-22T07:30:00.000Z'),
      note(4),
      correction(5, 2),
      correction(6, 1),
    ]);
    expect(timeline[1]).toMatchObject({
      entry: original,
      correctedBy: [3, 5],
      eventAt: '2026-11-22T08:00:00.000Z',
    });
    expect(timeline[0]!.correctedBy).toEqual([6]);
    expect(timeline[3]!.correctedBy).toEqual([]);
    expect(timeline[2]!.eventAt).toBe('2026-11-22T07:30:00.000Z');
  });

  it("takes the event time from a note, a correction or a report's observation", () => {
    const timeline = buildTimeline([
      opened(1),
      report(2, '2026-11-22T07:55:00.000Z'),
      note(3),
      note(4, { eventAt: '2026-11-22T08:10:00.000Z' }),
    ]);
    expect(timeline.map((item) => item.eventAt)).toEqual([
      undefined,
      '2026-11-22T07:55:00.000Z',
      undefined,
      '2026-11-22T08:10:00.000Z',
    ]);
  });

  it('ignores a flag or correction of an entry it does not have, or of a later entry', () => {
    const timeline = buildTimeline([
      flag(2, 3, { keyEvent: true }),
      note(3),
      correction(4, 99),
      flag(5, 99, { public: true }),
    ]);
    expect(timeline).toHaveLength(4);
    expect(timeline[1]).toMatchObject({ keyEvent: false, public: false, correctedBy: [] });
  });
});
