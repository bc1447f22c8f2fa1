import { Section, sectionHref } from '../navigation/sections.ts';
import { useLocationHash } from '../navigation/use-location-hash.ts';

/** What the situation reports section shows: the list, a new draft, a report, or a draft's editor. */
export type SituationReportRoute =
  | { readonly kind: 'list' }
  | { readonly kind: 'new' }
  | { readonly kind: 'report'; readonly reportId: string }
  | { readonly kind: 'edit'; readonly reportId: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const NEW_HASH = new RegExp(`^#/?${Section.situationReports}/new/?$`, 'i');
const REPORT_HASH = new RegExp(`^#/?${Section.situationReports}/(${UUID})(/edit)?/?$`, 'i');

/** The address of the list of situation reports. */
export function situationReportsHref(): string {
  return sectionHref(Section.situationReports);
}

/** The address where a new report is drafted. */
export function newSituationReportHref(): string {
  return `${situationReportsHref()}/new`;
}

/** The address of one report, as a document. */
export function situationReportHref(reportId: string): string {
  return `${situationReportsHref()}/${reportId}`;
}

/** The address of a draft's editor. */
export function editSituationReportHref(reportId: string): string {
  return `${situationReportHref(reportId)}/edit`;
}

/** What an address opens in the situation reports section. */
export function situationReportRouteFromHash(hash: string): SituationReportRoute {
  if (NEW_HASH.test(hash)) return { kind: 'new' };
  const match = REPORT_HASH.exec(hash);
  const reportId = match?.[1]?.toLowerCase();
  if (reportId === undefined) return { kind: 'list' };
  return match?.[2] === undefined ? { kind: 'report', reportId } : { kind: 'edit', reportId };
}

/** What the current address opens in the situation reports section. */
export function useSituationReportRoute(): SituationReportRoute {
  return situationReportRouteFromHash(useLocationHash());
}
