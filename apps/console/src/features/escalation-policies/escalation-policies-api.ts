import type {
  CreateEscalationPolicy,
  EscalationPolicy,
  EscalationPolicyList,
  UpdateEscalationPolicy,
} from '@vaka/domain';
import type { ApiClient, ApiResult } from '../../lib/api.ts';

const policyPath = (policyId: string): string =>
  `/api/v1/escalation-policies/${encodeURIComponent(policyId)}`;

/** A unit's escalation policies in use, by name. */
export async function listEscalationPolicies(
  api: ApiClient,
  unitId: string,
): Promise<ApiResult<EscalationPolicy[]>> {
  const result = await api.get<EscalationPolicyList>(
    `/api/v1/units/${encodeURIComponent(unitId)}/escalation-policies`,
  );
  return result.outcome === 'ok' ? { ...result, body: result.body.policies } : result;
}

/** One escalation policy as it is now. */
export function getEscalationPolicy(
  api: ApiClient,
  policyId: string,
): Promise<ApiResult<EscalationPolicy>> {
  return api.get<EscalationPolicy>(policyPath(policyId));
}

/** Creates an escalation policy of a unit. */
export function createEscalationPolicy(
  api: ApiClient,
  unitId: string,
  policy: CreateEscalationPolicy,
): Promise<ApiResult<EscalationPolicy>> {
  return api.request<EscalationPolicy>(
    'POST',
    `/api/v1/units/${encodeURIComponent(unitId)}/escalation-policies`,
    { body: policy },
  );
}

/** Changes a policy's name, repeat or steps, refused (409) when someone else changed it first. */
export function updateEscalationPolicy(
  api: ApiClient,
  policyId: string,
  change: UpdateEscalationPolicy,
): Promise<ApiResult<EscalationPolicy>> {
  return api.request<EscalationPolicy>('PATCH', policyPath(policyId), { body: change });
}

/** Archives a policy: no new escalation runs by it. */
export function archiveEscalationPolicy(
  api: ApiClient,
  policyId: string,
): Promise<ApiResult<EscalationPolicy>> {
  return api.request<EscalationPolicy>('DELETE', policyPath(policyId));
}
