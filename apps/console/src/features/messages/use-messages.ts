import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageDetail, MessageStatus, PublicMessage } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiFailure, ApiResult } from '../../lib/api.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { getMessage, listMessages } from './messages-api.ts';

/** Something read from the server, with why the last read failed. */
export interface Remote<T> {
  /** Null until the first answer. */
  readonly value: T | null;
  readonly failure: ApiFailure | null;
  readonly reload: () => void;
}

/** Reads with `read` now, again whenever a message changes live, and on `reload`. */
function useLiveRead<T>(read: () => Promise<ApiResult<T>>): Remote<T> {
  const revision = useConsoleStore((state) => state.messagesRevision);
  const [value, setValue] = useState<T | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [asked, setAsked] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    latest.current += 1;
    const request = latest.current;
    void read().then((result) => {
      // An older answer never replaces a newer one.
      if (request !== latest.current) return;
      if (result.outcome === 'ok') {
        setValue(result.body);
        setFailure(null);
      } else {
        setFailure(result);
      }
    });
  }, [read, revision, asked]);

  const reload = useCallback(() => setAsked((previous) => previous + 1), []);
  return { value, failure, reload };
}

/** The latest version of each message with these statuses (all when none), kept up to date. */
export function useMessageList(statuses: readonly MessageStatus[]): Remote<PublicMessage[]> {
  const { api } = useAppServices();
  const key = statuses.join(',');
  const read = useCallback(async () => {
    const result = await listMessages(api, key === '' ? [] : (key.split(',') as MessageStatus[]));
    return result.outcome === 'ok' ? { ...result, body: result.body.messages } : result;
  }, [api, key]);
  return useLiveRead(read);
}

/** One message with its versions and problems, kept up to date. */
export function useMessageDetail(messageId: string): Remote<MessageDetail> {
  const { api } = useAppServices();
  const read = useCallback(() => getMessage(api, messageId), [api, messageId]);
  return useLiveRead(read);
}
