import type {
  CancelEscalation,
  ConsoleRequestList,
  EscalateNow,
  Escalation,
  EscalationPolicy,
  EscalationPolicyList,
  IncidentEscalations,
  RecordAcknowledgement,
  StartEscalation,
} from '@vaka/domain';
import type { ApiClient, ApiResult } from '../../lib/api.ts';

const escalationPath = (escalationId: string): string =>
  `/api/v1/escalations/${encodeURIComponent(escalationId)}`;
const incidentEscalationsPath = (incidentId: string): string =>
  `/api/v1/incidents/${encodeURIComponent(incidentId)}/escalations`;

/** An incident's escalations, newest first, and the units that answer for it. */
export function readIncidentEscalations(
  api: ApiClient,
  incidentId: string,
): Promise<ApiResult<IncidentEscalations>> {
  return api.get<IncidentEscalations>(incidentEscalationsPath(incidentId));
}

/** Escalates the incident to a unit by one of its policies; its first step goes out at once. */
export function startEscalation(
  api: ApiClient,
  incidentId: string,
  request: StartEscalation,
): Promise<ApiResult<Escalation>> {
  return api.request<Escalation>('POST', incidentEscalationsPath(incidentId), { body: request });
}

/** Records that the unit took the case, as heard by phone. */
export function recordAcknowledgement(
  api: ApiClient,
  escalationId: string,
  request: RecordAcknowledgement,
): Promise<ApiResult<Escalation>> {
  return api.request<Escalation>('POST', `${escalationPath(escalationId)}/acknowledgements`, {
    body: request,
  });
}

/** Notifies the next step now instead of waiting. */
export function escalateNow(
  api: ApiClient,
  escalationId: string,
  request: EscalateNow,
): Promise<ApiResult<Escalation>> {
  return api.request<Escalation>('POST', `${escalationPath(escalationId)}/escalate-now`, {
    body: request,
  });
}

/** Calls the escalation off, with why. */
export function cancelEscalation(
  api: ApiClient,
  escalationId: string,
  request: CancelEscalation,
): Promise<ApiResult<Escalation>> {
  return api.request<Escalation>('POST', `${escalationPath(escalationId)}/cancel`, {
    body: request,
  });
}

/** The escalation policies a unit can be reached by. */
export async function readUnitPolicies(
  api: ApiClient,
  unitId: string,
): Promise<ApiResult<EscalationPolicy[]>> {
  const result = await api.get<EscalationPolicyList>(
    `/api/v1/units/${encodeURIComponent(unitId)}/escalation-policies`,
  );
  return result.outcome === 'ok' ? { ...result, body: result.body.policies } : result;
}

/** The requests waiting in the signed-in person's own console, oldest first. */
export function readConsoleRequests(api: ApiClient): Promise<ApiResult<ConsoleRequestList>> {
  return api.get<ConsoleRequestList>('/api/v1/escalation-requests');
}
