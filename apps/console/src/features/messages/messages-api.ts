import type {
  CreateMessageRequest,
  MessageDetail,
  MessageDraft,
  MessageList,
  MessageStatus,
  MessageStepRequest,
  PublicMessage,
  PublishMessageRequest,
  ReturnMessageRequest,
  UpdateMessageRequest,
  WithdrawMessageRequest,
} from '@vaka/domain';
import type { ApiClient, ApiResult } from '../../lib/api.ts';

const messagePath = (messageId: string): string =>
  `/api/v1/messages/${encodeURIComponent(messageId)}`;

/** The latest version of each message, the most recently changed first. */
export function listMessages(
  api: ApiClient,
  statuses: readonly MessageStatus[],
): Promise<ApiResult<MessageList>> {
  const query = statuses.length === 0 ? '' : `?status=${statuses.join(',')}`;
  return api.get<MessageList>(`/api/v1/messages${query}`);
}

/** A message with every version, newest first, and what keeps the latest from approval. */
export function getMessage(api: ApiClient, messageId: string): Promise<ApiResult<MessageDetail>> {
  return api.get<MessageDetail>(messagePath(messageId));
}

/** A message drafted from an incident; nothing is stored until it is created. */
export function getIncidentMessageDraft(
  api: ApiClient,
  incidentId: string,
): Promise<ApiResult<MessageDraft>> {
  return api.get<MessageDraft>(`/api/v1/incidents/${encodeURIComponent(incidentId)}/message-draft`);
}

/** Stores a new draft. */
export function createMessage(
  api: ApiClient,
  request: CreateMessageRequest,
): Promise<ApiResult<PublicMessage>> {
  return api.request<PublicMessage>('POST', '/api/v1/messages', { body: request });
}

/** Changes the latest version while it is a draft. */
export function updateMessage(
  api: ApiClient,
  messageId: string,
  request: UpdateMessageRequest,
): Promise<ApiResult<PublicMessage>> {
  return api.request<PublicMessage>('PATCH', messagePath(messageId), { body: request });
}

/** The workflow steps, by the last part of their address. */
export type MessageStep = 'submit' | 'return' | 'approve' | 'publish' | 'withdraw' | 'versions';

/** Takes a workflow step on the latest version. */
export function stepMessage(
  api: ApiClient,
  messageId: string,
  step: MessageStep,
  request:
    MessageStepRequest | ReturnMessageRequest | PublishMessageRequest | WithdrawMessageRequest,
): Promise<ApiResult<PublicMessage>> {
  return api.request<PublicMessage>('POST', `${messagePath(messageId)}/${step}`, {
    body: request,
  });
}
