import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookSubscriber, WebhookSubscriberWithSecret } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiFailure } from '../../lib/api.ts';
import { failureText } from '../../lib/failure-text.ts';
import { formatDateTime } from '../../lib/time-format.ts';
import { ArchiveControl } from '../admin/archive-control.tsx';
import { useRowEditor } from '../admin/row-editor.tsx';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { WebhookDeliveries } from './webhook-deliveries.tsx';
import { WebhookEditForm } from './webhook-edit-form.tsx';
import { SecretBox } from '../admin/secret-box.tsx';
import { healthLine, WEBHOOK_SHAPES } from './webhook-text.ts';
import { archiveSubscriber, pingSubscriber, rotateSecret } from './webhooks-api.ts';

interface WebhookCardProps {
  readonly subscriber: WebhookSubscriber;
  /** Shows a subscriber the server answered with. */
  readonly onSaved: (subscriber: WebhookSubscriber, notice: string) => void;
  /** Reads the subscribers again: this one as it is now, if it still is. */
  readonly onStale: () => Promise<WebhookSubscriber | undefined>;
  /** A test event was queued: the list reads the counts again. */
  readonly onPinged: (notice: string) => void;
}

/**
 * One subscriber: its address, whether it takes exercises, its secret's last characters and how
 * its deliveries go, with its actions (edit, new secret, test event, archive) and its deliveries.
 */
export function WebhookCard({ subscriber, onSaved, onStale, onPinged }: WebhookCardProps) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const timeZone = useCityTimeZone();
  const headingId = useId();
  const baseId = useId();
  const editor = useRowEditor();
  const deliveries = useRowEditor();
  const rotateRef = useRef<HTMLButtonElement>(null);
  const [rotation, setRotation] = useState<'idle' | 'asking' | 'busy'>('idle');
  const [secret, setSecret] = useState<WebhookSubscriberWithSecret | null>(null);
  const [archiving, setArchiving] = useState<'idle' | 'asking' | 'busy'>('idle');
  const [pinging, setPinging] = useState(false);
  const [failure, setFailure] = useState('');
  const archived = subscriber.archivedAt !== undefined;
  const line = healthLine(subscriber, t);
  const time = (at: string) => formatDateTime(new Date(at), i18n.language, timeZone);

  /** What a refused step says: someone else's change reloaded, or what the server said. */
  async function refusal(result: ApiFailure): Promise<string> {
    if (result.outcome !== 'rejected' || result.status !== 409) return failureText(result, t);
    const current = await onStale();
    if (current === undefined) return failureText(result, t);
    return current.archivedAt !== undefined
      ? t('webhooks.archivedElsewhere', { name: current.name })
      : t('webhooks.stepChangedElsewhere', { name: current.name });
  }

  async function rotate(): Promise<void> {
    if (rotation === 'busy') return;
    setRotation('busy');
    setFailure('');
    const result = await rotateSecret(api, subscriber);
    if (result.outcome !== 'ok') {
      setFailure(await refusal(result));
      setRotation('idle');
      rotateRef.current?.focus();
      return;
    }
    setRotation('idle');
    setSecret(result.body);
    onSaved(result.body.subscriber, t('webhooks.rotated', { name: subscriber.name }));
  }

  async function archive(): Promise<void> {
    if (archiving === 'busy') return;
    setArchiving('busy');
    setFailure('');
    const result = await archiveSubscriber(api, subscriber);
    if (result.outcome !== 'ok') {
      setFailure(await refusal(result));
      setArchiving('idle');
      return;
    }
    setArchiving('idle');
    onSaved(result.body, t('webhooks.archived', { name: subscriber.name }));
  }

  async function ping(): Promise<void> {
    if (pinging) return;
    setPinging(true);
    setFailure('');
    const result = await pingSubscriber(api, subscriber.id);
    setPinging(false);
    if (result.outcome !== 'ok') {
      setFailure(await refusal(result));
      return;
    }
    if (!deliveries.editing) deliveries.buttonProps.onClick();
    onPinged(t('webhooks.pinged', { name: subscriber.name }));
  }

  return (
    <li
      className={`webhook-card webhook-card--${line.shape}`}
      aria-labelledby={headingId}
      data-testid="webhook-card"
      data-webhook-name={subscriber.name}
      data-archived={archived}
    >
      <h3 id={headingId} className="webhook-card__name">
        {subscriber.name}
        {archived && subscriber.archivedAt !== undefined && (
          <>
            {' '}
            <span className="state-tag state-tag--off">
              {t('webhooks.archivedAt', { time: time(subscriber.archivedAt) })}
            </span>
          </>
        )}
      </h3>
      <dl className="webhook-card__facts">
        <dt>{t('webhooks.address')}</dt>
        <dd>
          <code>{subscriber.url}</code>
        </dd>
        <dt>{t('webhooks.takesExercises')}</dt>
        <dd>{subscriber.exercises ? t('webhooks.exercisesYes') : t('webhooks.exercisesNo')}</dd>
        <dt>{t('webhooks.secretHint')}</dt>
        <dd>
          <code data-testid="webhook-secret-hint">…{subscriber.secretHint}</code>
        </dd>
        <dt>{t('webhooks.healthLabel')}</dt>
        <dd className="webhook-health" data-testid="webhook-health" data-shape={line.shape}>
          <span className="webhook-health__state">
            <span className="webhook-mark__shape" aria-hidden="true">
              {WEBHOOK_SHAPES[line.shape]}
            </span>{' '}
            {line.state}
          </span>
          {' · '}
          <span data-testid="webhook-health-counts">{line.counts}</span>
          {subscriber.health.lastSentAt !== undefined && (
            <> · {t('webhooks.health.lastSent', { time: time(subscriber.health.lastSentAt) })}</>
          )}
          {line.warning !== null && (
            <span className="webhook-health__warning" data-testid="webhook-health-warning">
              <span aria-hidden="true">{WEBHOOK_SHAPES.warning} </span>
              {line.warning}
            </span>
          )}
          {line.lastError !== null && (
            <span className="webhook-health__error" data-testid="webhook-health-error">
              {t('webhooks.health.lastError', { error: line.lastError })}
            </span>
          )}
        </dd>
      </dl>
      <p className="form-alert" role="alert" data-testid="webhook-card-error">
        {failure}
      </p>
      <div
        className="admin-form__actions webhook-card__actions"
        role="group"
        aria-label={t('webhooks.actions', { name: subscriber.name })}
      >
        {!archived && (
          <>
            <button
              {...editor.buttonProps}
              type="button"
              className="button button--quiet button--small"
              aria-label={t('webhooks.editLabel', { name: subscriber.name })}
            >
              {t('webhooks.edit')}
            </button>
            <button
              ref={rotateRef}
              type="button"
              className="button button--quiet button--small"
              aria-label={t('webhooks.rotateLabel', { name: subscriber.name })}
              aria-expanded={rotation !== 'idle'}
              onClick={() => setRotation((current) => (current === 'idle' ? 'asking' : 'idle'))}
            >
              {t('webhooks.rotate')}
            </button>
            <button
              type="button"
              className="button button--quiet button--small"
              aria-label={t('webhooks.pingLabel', { name: subscriber.name })}
              aria-disabled={pinging}
              onClick={() => void ping()}
            >
              {pinging ? t('webhooks.pinging') : t('webhooks.ping')}
            </button>
          </>
        )}
        <button
          {...deliveries.buttonProps}
          type="button"
          className="button button--quiet button--small"
          aria-label={t('webhooks.deliveriesLabel', { name: subscriber.name })}
        >
          {t('webhooks.deliveries')}
        </button>
        {!archived && (
          <ArchiveControl
            idBase={baseId}
            className="webhook-card__archive"
            busy={archiving === 'busy'}
            confirming={archiving !== 'idle'}
            onConfirming={(asking) => setArchiving(asking ? 'asking' : 'idle')}
            onArchive={() => void archive()}
            labels={{
              archive: t('webhooks.archive'),
              question: t('webhooks.archiveQuestion', { name: subscriber.name }),
              confirm: t('webhooks.archiveConfirm'),
              keep: t('webhooks.archiveKeep'),
              archiving: t('webhooks.archiving'),
            }}
          />
        )}
      </div>
      {rotation !== 'idle' && !archived && (
        <RotateQuestion
          name={subscriber.name}
          busy={rotation === 'busy'}
          onConfirm={() => void rotate()}
          onKeep={() => {
            setRotation('idle');
            rotateRef.current?.focus();
          }}
        />
      )}
      {secret !== null && (
        <SecretBox
          secret={secret.secret}
          heading={t('webhooks.secretHeading', { name: secret.subscriber.name })}
          usage={t('webhooks.verify')}
          words="webhooks"
          testId="webhook-secret"
          onDone={() => {
            setSecret(null);
            rotateRef.current?.focus();
          }}
        />
      )}
      {editor.editing && !archived && (
        <div id={editor.editorId}>
          <WebhookEditForm
            subscriber={subscriber}
            onStale={onStale}
            onCancel={editor.close}
            onSaved={(saved) => {
              onSaved(saved, t('webhooks.saved', { name: saved.name }));
              editor.close();
            }}
          />
        </div>
      )}
      {deliveries.editing && <WebhookDeliveries subscriber={subscriber} id={deliveries.editorId} />}
    </li>
  );
}

/** Asks before a new secret is made: the partner must be given it, or refuse what comes. */
function RotateQuestion({
  name,
  busy,
  onConfirm,
  onKeep,
}: {
  readonly name: string;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onKeep: () => void;
}) {
  const { t } = useTranslation();
  const questionId = useId();
  const keepRef = useRef<HTMLButtonElement>(null);
  // The safe answer has the focus, so a stray Enter does not cut a partner off.
  useEffect(() => keepRef.current?.focus(), []);
  return (
    <div
      className="confirm-box"
      role="group"
      aria-labelledby={questionId}
      data-testid="rotate-confirmation"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onKeep();
        }
      }}
    >
      <p id={questionId} className="confirm-box__question">
        {t('webhooks.rotateQuestion', { name })}
      </p>
      <div className="admin-form__actions">
        <button
          type="button"
          className="button button--danger"
          aria-disabled={busy}
          onClick={onConfirm}
        >
          {t('webhooks.rotateConfirm')}
        </button>
        <button ref={keepRef} type="button" className="button button--quiet" onClick={onKeep}>
          {t('webhooks.rotateKeep')}
        </button>
        <span className="admin-form__progress" role="status">
          {busy ? t('webhooks.rotating') : ''}
        </span>
      </div>
    </div>
  );
}
