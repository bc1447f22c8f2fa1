import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicMessage } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { describedBy, FormField } from '../../components/form-field.tsx';
import { failureText } from '../../lib/failure-text.ts';
import { parseCityTime } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import type { OfferedAction } from './message-actions.ts';
import { stepMessage } from './messages-api.ts';

type OpenForm = 'return' | 'withdraw' | 'publish' | null;

/**
 * The workflow buttons of a message's latest version: those that need a reason or a time open a
 * small form first; a step that cannot be taken is shown disabled with why.
 */
export function MessageWorkflow({
  latest,
  offered,
  onDone,
}: {
  readonly latest: PublicMessage;
  readonly offered: readonly OfferedAction[];
  readonly onDone: (message: PublicMessage) => void;
}) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const timeZone = useCityTimeZone();
  const baseId = useId();
  const [open, setOpen] = useState<OpenForm>(null);
  const [reason, setReason] = useState('');
  const [publishAt, setPublishAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState('');
  /** Set when the reason was sent empty: the field says what it needs. */
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  // The button that opened a form gets the focus back when it is cancelled.
  const openers = useRef(new Map<string, HTMLButtonElement>());
  const shown = offered.filter((offer) => offer.action !== 'edit' && offer.action !== 'submit');
  if (shown.length === 0) return null;

  async function run(
    step: 'approve' | 'return' | 'publish' | 'withdraw' | 'versions',
    extra: Record<string, string> = {},
  ): Promise<void> {
    if (busy) return;
    setBusy(true);
    setAlert('');
    const result = await stepMessage(api, latest.id, step, {
      expectedUpdatedAt: latest.updatedAt,
      ...extra,
    });
    setBusy(false);
    if (result.outcome !== 'ok') {
      setAlert(failureText(result, t));
      return;
    }
    setOpen(null);
    setReason('');
    setReasonMissing(false);
    setPublishAt('');
    onDone(result.body);
  }

  function cancel(): void {
    const opener = open === null ? undefined : openers.current.get(open);
    setOpen(null);
    setReasonMissing(false);
    opener?.focus();
  }

  function sendReason(step: 'return' | 'withdraw'): void {
    if (reason.trim() !== '') return void run(step, { reason: reason.trim() });
    setReasonMissing(true);
    reasonRef.current?.focus();
  }

  function publish(): void {
    if (publishAt === '') return void run('publish');
    const at = parseCityTime(publishAt, timeZone);
    if (at === null) return setAlert(t('messages.timeUnreadable'));
    void run('publish', { publishAt: at.toISOString() });
  }

  const reasonError =
    reasonMissing && (open === 'return' || open === 'withdraw')
      ? t(`messages.reasonMissing.${open}`)
      : undefined;

  return (
    <section className="message-workflow" aria-label={t('messages.workflow')}>
      <p className="form-alert" role="alert" data-testid="workflow-alert">
        {alert}
      </p>
      <div className="admin-form__actions">
        {shown.map(({ action, refusal }) => {
          const reasonId = `${baseId}-${action}-refusal`;
          const label = t(`messages.action.${action}`);
          const onClick = (): void => {
            if (action === 'approve') void run('approve');
            else if (action === 'update') void run('versions');
            else if (action === 'return' || action === 'withdraw' || action === 'publish') {
              setReasonMissing(false);
              setOpen((current) => (current === action ? null : action));
            }
          };
          return (
            <span key={action} className="message-workflow__action">
              <button
                ref={(button) => {
                  if (button === null) openers.current.delete(action);
                  else openers.current.set(action, button);
                }}
                type="button"
                className={
                  action === 'approve' || action === 'publish' ? 'button button--primary' : 'button'
                }
                disabled={busy || refusal !== undefined}
                aria-describedby={refusal === undefined ? undefined : reasonId}
                aria-expanded={
                  action === 'return' || action === 'withdraw' || action === 'publish'
                    ? open === action
                    : undefined
                }
                onClick={onClick}
              >
                {label}
              </button>
              {refusal !== undefined && (
                <span id={reasonId} className="message-workflow__refusal">
                  {t(`messages.refusal.${refusal}`)}
                </span>
              )}
            </span>
          );
        })}
      </div>
      {(open === 'return' || open === 'withdraw') && (
        <form
          className="admin-form admin-form--inline"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            sendReason(open);
          }}
        >
          <FormField
            controlId={`${baseId}-reason`}
            label={t(`messages.reason.${open}`)}
            error={reasonError}
          >
            <textarea
              ref={reasonRef}
              id={`${baseId}-reason`}
              className="input"
              rows={2}
              maxLength={2_000}
              required
              autoFocus
              value={reason}
              aria-invalid={reasonError !== undefined}
              aria-describedby={describedBy(`${baseId}-reason`, undefined, reasonError)}
              onChange={(event) => {
                setReason(event.target.value);
                if (event.target.value.trim() !== '') setReasonMissing(false);
              }}
            />
          </FormField>
          <div className="admin-form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {t(`messages.confirm.${open}`)}
            </button>
            <button type="button" className="button button--quiet" onClick={cancel}>
              {t('messages.cancel')}
            </button>
          </div>
        </form>
      )}
      {open === 'publish' && (
        <form
          className="admin-form admin-form--inline"
          onSubmit={(event) => {
            event.preventDefault();
            publish();
          }}
        >
          <FormField
            controlId={`${baseId}-publish-at`}
            label={t('messages.publishAt')}
            optionalLabel={t('messages.publishAtEmpty')}
            hint={t('messages.timeHint', { timeZone })}
          >
            <input
              id={`${baseId}-publish-at`}
              className="input"
              type="datetime-local"
              value={publishAt}
              aria-describedby={`${baseId}-publish-at-hint`}
              onChange={(event) => setPublishAt(event.target.value)}
            />
          </FormField>
          <div className="admin-form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {publishAt === ''
                ? t('messages.confirm.publishNow')
                : t('messages.confirm.publishAt')}
            </button>
            <button type="button" className="button button--quiet" onClick={cancel}>
              {t('messages.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
