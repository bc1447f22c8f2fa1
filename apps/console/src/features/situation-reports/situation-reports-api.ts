import type {
  CreateSituationReport,
  SituationReport,
  SituationReportList,
  SituationReportStep,
  UpdateSituationReport,
} from '@vaka/domain';
import type { ApiClient, ApiResult } from '../../lib/api.ts';

const reportPath = (reportId: string): string =>
  `/api/v1/situation-reports/${encodeURIComponent(reportId)}`;

/** Every situation report: drafts first, then the approved ones, newest first. */
export function listSituationReports(api: ApiClient): Promise<ApiResult<SituationReportList>> {
  return api.get<SituationReportList>('/api/v1/situation-reports');
}

/** One situation report. */
export function getSituationReport(
  api: ApiClient,
  reportId: string,
): Promise<ApiResult<SituationReport>> {
  return api.get<SituationReport>(reportPath(reportId));
}

/** A new draft, which the server fills from the key events and the situation now. */
export function createSituationReport(
  api: ApiClient,
  request: CreateSituationReport,
): Promise<ApiResult<SituationReport>> {
  return api.request<SituationReport>('POST', '/api/v1/situation-reports', { body: request });
}

/** Changes sections of a draft. */
export function updateSituationReport(
  api: ApiClient,
  reportId: string,
  request: UpdateSituationReport,
): Promise<ApiResult<SituationReport>> {
  return api.request<SituationReport>('PATCH', reportPath(reportId), { body: request });
}

/** Approves a draft: it is numbered and from then on unchanged. */
export function approveSituationReport(
  api: ApiClient,
  reportId: string,
  request: SituationReportStep,
): Promise<ApiResult<SituationReport>> {
  return api.request<SituationReport>('POST', `${reportPath(reportId)}/approve`, {
    body: request,
  });
}

/** Where the report is downloaded as a PDF document, with the session's cookie. */
export function situationReportPdfHref(api: ApiClient, reportId: string): string {
  return `${api.baseUrl}${reportPath(reportId)}/pdf`;
}
