import { useCallback } from 'react';
import type { MessageDetail, MessageStatus, PublicMessage } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiResult } from '../../lib/api.ts';
import { useLiveRead, type Remote } from '../../lib/use-live-read.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { getMessage, listMessages } from './messages-api.ts';

/** Reads now, again whenever a message changes live, and on `reload`. */
function useLive<T>(read: () => Promise<ApiResult<T>>): Remote<T> {
  return useLiveRead(
    read,
    useConsoleStore((state) => state.messagesRevision),
  );
}

/** The latest version of each message with these statuses (all when none), kept up to date. */
export function useMessageList(statuses: readonly MessageStatus[]): Remote<PublicMessage[]> {
  const { api } = useAppServices();
  const key = statuses.join(',');
  const read = useCallback(async () => {
    const result = await listMessages(api, key === '' ? [] : (key.split(',') as MessageStatus[]));
    return result.outcome === 'ok' ? { ...result, body: result.body.messages } : result;
  }, [api, key]);
  return useLive(read);
}

/** One message with its versions and problems, kept up to date. */
export function useMessageDetail(messageId: string): Remote<MessageDetail> {
  const { api } = useAppServices();
  const read = useCallback(() => getMessage(api, messageId), [api, messageId]);
  return useLive(read);
}
