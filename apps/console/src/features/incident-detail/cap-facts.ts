import type { Report } from '@vaka/domain';

/** What a report imported from a CAP alert says about the alert, for its facts. */
export interface CapFacts {
  readonly version: string;
  readonly msgType: string;
  readonly status: string;
  readonly sender: string;
  /** The languages of its infos, in the alert's order, each once. */
  readonly languages: readonly string[];
  readonly areas: number;
  /** Where the alert strays from CAP 1.2, as the import wrote it down. */
  readonly deviations: readonly string[];
}

/** The CAP facts of a report, or undefined for a report that did not come as a CAP alert. */
export function capFacts(report: Pick<Report, 'cap' | 'deviations'>): CapFacts | undefined {
  const { cap } = report;
  if (cap === undefined) return undefined;
  return {
    version: cap.version,
    msgType: cap.msgType,
    status: cap.status,
    sender: cap.sender,
    languages: [...new Set(cap.infos.map((info) => info.language))],
    areas: cap.infos.reduce((sum, info) => sum + info.areas.length, 0),
    deviations: report.deviations ?? [],
  };
}
