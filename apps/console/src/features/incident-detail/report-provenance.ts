import { JournalKind, type JournalEntry } from '@vaka/domain';

/** One step of a report's way to this incident, read from the journal. */
export type ReportStep =
  /** It arrived in this incident, or in `incidentTitle` (an incident merged in since). */
  | { readonly kind: 'arrived'; readonly at: string; readonly incidentTitle?: string }
  /** It came along when the incident `fromTitle` was merged into this one. */
  | { readonly kind: 'merged'; readonly at: string; readonly fromTitle: string }
  /** It was split out of `fromTitle` into this incident. */
  | { readonly kind: 'split'; readonly at: string; readonly fromTitle: string };

/** Where a report arrived and how it reached this incident, oldest step first. */
export function reportSteps(
  reportId: string,
  incidentId: string,
  entries: readonly JournalEntry[],
): ReportStep[] {
  const titles = new Map<string, string>();
  for (const entry of entries) {
    if (entry.kind === JournalKind.incidentOpened) {
      titles.set(entry.incidentId, entry.data.incident.title);
    } else if (entry.kind === JournalKind.incidentMerged) {
      titles.set(entry.incidentId, entry.data.incident.title);
    }
  }
  const steps: ReportStep[] = [];
  for (const entry of entries) {
    switch (entry.kind) {
      case JournalKind.reportReceived:
        if (entry.data.report.id !== reportId) break;
        steps.push(
          entry.incidentId === incidentId
            ? { kind: 'arrived', at: entry.recordedAt }
            : {
                kind: 'arrived',
                at: entry.recordedAt,
                ...(titles.has(entry.incidentId) && {
                  incidentTitle: titles.get(entry.incidentId),
                }),
              },
        );
        break;
      case JournalKind.incidentMerged:
        if (entry.data.into.id === incidentId && entry.data.reportIds.includes(reportId)) {
          steps.push({
            kind: 'merged',
            at: entry.recordedAt,
            fromTitle: entry.data.incident.title,
          });
        }
        break;
      case JournalKind.incidentSplit:
        if (entry.incidentId === incidentId && entry.data.reportId === reportId) {
          steps.push({ kind: 'split', at: entry.recordedAt, fromTitle: entry.data.from.title });
        }
        break;
      default:
        break;
    }
  }
  return steps;
}
