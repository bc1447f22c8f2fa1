import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResult } from '../../lib/api.ts';
import { failureText } from '../../lib/failure-text.ts';

/** What the incident pane says after a change: done, refused because it was stale, or failed. */
export type ChangeNotice =
  | { readonly kind: 'done'; readonly text: string; readonly link?: ChangeLink }
  | { readonly kind: 'conflict'; readonly serverMessage: string }
  | { readonly kind: 'failed'; readonly text: string };

/** A link a notice offers, e.g. to the incident a split opened. */
export interface ChangeLink {
  readonly incidentId: string;
  readonly label: string;
}

/** How a change ended: made, refused as stale (the incident is being reloaded), or failed. */
export type ChangeOutcome = 'done' | 'conflict' | 'failed';

/** What a change that went through says, and on which incident's pane (this one by default). */
export interface ChangeDone {
  readonly text: string;
  readonly link?: ChangeLink;
  readonly showOn?: string;
}

/**
 * Sends one change at a time and tells how it went. A 409 (someone changed the incident since it
 * was loaded, or the change no longer fits) reloads the incident and leaves the form as it was, so
 * nothing typed is lost.
 */
export function useIncidentChange(reload: (incidentId: string) => void) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [shown, setShown] = useState<{
    readonly incidentId: string;
    readonly notice: ChangeNotice;
  } | null>(null);

  /** The notice to show with this incident, if any. */
  const noticeFor = (incidentId: string): ChangeNotice | null =>
    shown?.incidentId === incidentId ? shown.notice : null;

  /** Shows a notice with an incident without sending anything. */
  const tell = (incidentId: string, notice: ChangeNotice | null): void =>
    setShown(notice === null ? null : { incidentId, notice });

  /** Sends a change of `incidentId` and tells how it ended. */
  async function run<T>(
    action: string,
    incidentId: string,
    send: () => Promise<ApiResult<T>>,
    onDone: (body: T) => ChangeDone,
  ): Promise<ChangeOutcome> {
    if (busy !== null) return 'failed';
    setBusy(action);
    setShown(null);
    const result = await send();
    setBusy(null);
    if (result.outcome === 'ok') {
      const done = onDone(result.body);
      tell(done.showOn ?? incidentId, {
        kind: 'done',
        text: done.text,
        ...(done.link !== undefined && { link: done.link }),
      });
      return 'done';
    }
    if (result.outcome === 'rejected' && result.status === 409) {
      tell(incidentId, { kind: 'conflict', serverMessage: result.message });
      reload(incidentId);
      return 'conflict';
    }
    tell(incidentId, { kind: 'failed', text: failureText(result, t) });
    return 'failed';
  }

  return { busy, noticeFor, tell, run };
}
