import { SituationReportStatus, type SituationReport } from '@vaka/domain';

/** What the signed-in person may do to situation reports. */
export interface SituationReportPowers {
  /** Drafting, editing and correcting: the duty officer. */
  readonly mayWrite: boolean;
  /** Approving: leadership. */
  readonly mayApprove: boolean;
  readonly username: string;
}

/** Why a draft cannot be approved by this person now. */
export type ApprovalRefusal = 'own_report' | 'empty_situation';

/** A step offered on a report; `refusal` says why it cannot be taken now. */
export type SituationReportAction =
  | { readonly action: 'edit' }
  | { readonly action: 'approve'; readonly refusal?: ApprovalRefusal }
  | { readonly action: 'correct' };

/**
 * The steps a report's page offers: a draft is edited by the duty officer and approved by
 * leadership, though never by the person who wrote it; an approved report never changes, and is
 * corrected by a new version.
 */
export function offeredReportActions(
  report: Pick<SituationReport, 'status' | 'createdBy' | 'content'>,
  powers: SituationReportPowers,
): SituationReportAction[] {
  const offered: SituationReportAction[] = [];
  if (report.status === SituationReportStatus.draft) {
    if (powers.mayWrite) offered.push({ action: 'edit' });
    if (powers.mayApprove) {
      // NOTE: only the author is known here; the server also refuses anyone who changed it.
      const refusal: ApprovalRefusal | undefined =
        report.createdBy === powers.username
          ? 'own_report'
          : report.content.situation.trim() === ''
            ? 'empty_situation'
            : undefined;
      offered.push(refusal === undefined ? { action: 'approve' } : { action: 'approve', refusal });
    }
  } else if (powers.mayWrite) {
    offered.push({ action: 'correct' });
  }
  return offered;
}

/**
 * The reports in the order they are listed: drafts first, the latest changed first; then the
 * approved ones by number and version, the newest first.
 */
export function orderReports(reports: readonly SituationReport[]): SituationReport[] {
  const isDraft = (report: SituationReport): boolean =>
    report.status === SituationReportStatus.draft;
  return [...reports].sort((a, b) => {
    if (isDraft(a) !== isDraft(b)) return isDraft(a) ? -1 : 1;
    if (isDraft(a)) return b.updatedAt.localeCompare(a.updatedAt);
    return (b.number ?? 0) - (a.number ?? 0) || b.version - a.version;
  });
}
