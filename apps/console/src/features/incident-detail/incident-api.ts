import type {
  AddNoteRequest,
  CorrectEntryRequest,
  FlagEntryRequest,
  Incident,
  IncidentDetail,
  IncidentTransitionRequest,
  JournalEntry,
  MergeIncidentRequest,
  MergeIncidentResult,
  SplitReportRequest,
  SplitReportResult,
  UpdateIncidentRequest,
} from '@vaka/domain';
import type { ApiClient, ApiResult } from '../../lib/api.ts';

const incidentPath = (incidentId: string): string =>
  `/api/v1/incidents/${encodeURIComponent(incidentId)}`;

/** One incident with its reports and journal. */
export function readIncidentDetail(
  api: ApiClient,
  incidentId: string,
): Promise<ApiResult<IncidentDetail>> {
  return api.get<IncidentDetail>(incidentPath(incidentId));
}

/** Moves the incident along its lifecycle, with why. */
export function transitionIncident(
  api: ApiClient,
  incidentId: string,
  request: IncidentTransitionRequest,
): Promise<ApiResult<Incident>> {
  return api.request<Incident>('POST', `${incidentPath(incidentId)}/transitions`, {
    body: request,
  });
}

/** Changes the incident's severity, category, title or location. */
export function updateIncident(
  api: ApiClient,
  incidentId: string,
  request: UpdateIncidentRequest,
): Promise<ApiResult<Incident>> {
  return api.request<Incident>('PATCH', incidentPath(incidentId), { body: request });
}

/** Merges the incident, a duplicate, into another, which takes its reports. */
export function mergeIncident(
  api: ApiClient,
  incidentId: string,
  request: MergeIncidentRequest,
): Promise<ApiResult<MergeIncidentResult>> {
  return api.request<MergeIncidentResult>('POST', `${incidentPath(incidentId)}/merge`, {
    body: request,
  });
}

/** Moves one report out of the incident into a new incident of its own. */
export function splitReport(
  api: ApiClient,
  incidentId: string,
  request: SplitReportRequest,
): Promise<ApiResult<SplitReportResult>> {
  return api.request<SplitReportResult>('POST', `${incidentPath(incidentId)}/split`, {
    body: request,
  });
}

/** Adds a note to the incident's journal. */
export function addNote(
  api: ApiClient,
  incidentId: string,
  request: AddNoteRequest,
): Promise<ApiResult<JournalEntry>> {
  return api.request<JournalEntry>('POST', `${incidentPath(incidentId)}/notes`, { body: request });
}

/** Marks or unmarks a journal entry as a key event or as released to the public. */
export function flagEntry(
  api: ApiClient,
  seq: number,
  request: FlagEntryRequest,
): Promise<ApiResult<JournalEntry>> {
  return api.request<JournalEntry>('POST', `/api/v1/journal/${seq}/flags`, { body: request });
}

/** Corrects a journal entry; the entry itself stays as it was. */
export function correctEntry(
  api: ApiClient,
  seq: number,
  request: CorrectEntryRequest,
): Promise<ApiResult<JournalEntry>> {
  return api.request<JournalEntry>('POST', `/api/v1/journal/${seq}/corrections`, {
    body: request,
  });
}

/** Whether an answer is a journal entry (the answers to notes, flags and corrections). */
export function isJournalEntry(value: unknown): value is JournalEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { seq?: unknown }).seq === 'number' &&
    typeof (value as { kind?: unknown }).kind === 'string'
  );
}

/** Whether an answer is an incident (the answers to transitions and changes). */
export function isIncident(value: unknown): value is Incident {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { updatedAt?: unknown }).updatedAt === 'string'
  );
}
