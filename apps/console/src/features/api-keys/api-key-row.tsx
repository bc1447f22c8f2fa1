import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKey } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { failureText } from '../../lib/failure-text.ts';
import { formatDateTime } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { SCOPE_LABEL_KEYS } from './api-key-draft.ts';
import { revokeApiKey } from './api-keys-api.ts';

const COLUMNS = 7;

/** One API key in the admin's list; revoking it asks first. */
export function ApiKeyRow({
  apiKey,
  onRevoked,
}: {
  readonly apiKey: ApiKey;
  readonly onRevoked: (apiKey: ApiKey) => void;
}) {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const confirmId = useId();
  const revokeButtonRef = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const formatTime = (at: string) => formatDateTime(new Date(at), i18n.language, timeZone);

  return (
    <>
      <tr
        data-testid="api-key-row"
        data-api-key-name={apiKey.name}
        data-revoked={apiKey.revokedAt !== null}
      >
        <th scope="row">{apiKey.name}</th>
        <td>
          <code>{apiKey.prefix}…</code>
        </td>
        <td>
          {apiKey.scopes.map((scope) => t(`apiKeys.scope.${SCOPE_LABEL_KEYS[scope]}`)).join(', ')}
        </td>
        <td>{t('apiKeys.perMinute', { count: apiKey.rateLimitPerMinute })}</td>
        <td>{formatTime(apiKey.createdAt)}</td>
        <td>
          {apiKey.revokedAt === null ? (
            <span className="state-tag">{t('apiKeys.active')}</span>
          ) : (
            <span className="state-tag state-tag--off">
              {t('apiKeys.revokedAt', { time: formatTime(apiKey.revokedAt) })}
            </span>
          )}
        </td>
        <td>
          {apiKey.revokedAt === null && (
            <button
              ref={revokeButtonRef}
              type="button"
              className="button button--danger-quiet button--small"
              aria-label={t('apiKeys.revokeLabel', { name: apiKey.name })}
              aria-expanded={confirming}
              aria-controls={confirming ? confirmId : undefined}
              onClick={() => setConfirming((current) => !current)}
            >
              {t('apiKeys.revoke')}
            </button>
          )}
        </td>
      </tr>
      {confirming && apiKey.revokedAt === null && (
        <tr className="data-table__editor-row">
          <td colSpan={COLUMNS} id={confirmId}>
            <RevokeConfirmation
              apiKey={apiKey}
              onCancel={() => {
                setConfirming(false);
                revokeButtonRef.current?.focus();
              }}
              onRevoked={onRevoked}
            />
          </td>
        </tr>
      )}
    </>
  );
}

function RevokeConfirmation({
  apiKey,
  onCancel,
  onRevoked,
}: {
  readonly apiKey: ApiKey;
  readonly onCancel: () => void;
  readonly onRevoked: (apiKey: ApiKey) => void;
}) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const questionId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [revoking, setRevoking] = useState(false);
  const [failure, setFailure] = useState('');

  // The safe answer has the focus, so a stray Enter does not revoke a key in use.
  useEffect(() => cancelRef.current?.focus(), []);

  async function revoke(): Promise<void> {
    if (revoking) return;
    setRevoking(true);
    setFailure('');
    const result = await revokeApiKey(api, apiKey.id);
    setRevoking(false);
    if (result.outcome !== 'ok') {
      setFailure(failureText(result, t));
      return;
    }
    onRevoked(apiKey);
  }

  return (
    <div
      className="confirm-box"
      role="group"
      aria-labelledby={questionId}
      data-testid="revoke-confirmation"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <p id={questionId} className="confirm-box__question">
        {t('apiKeys.confirmRevoke', { name: apiKey.name })}
      </p>
      <p className="form-alert" role="alert">
        {failure}
      </p>
      <div className="admin-form__actions">
        <button
          type="button"
          className="button button--danger"
          aria-disabled={revoking}
          onClick={() => void revoke()}
        >
          {t('apiKeys.confirm')}
        </button>
        <button ref={cancelRef} type="button" className="button button--quiet" onClick={onCancel}>
          {t('apiKeys.cancel')}
        </button>
      </div>
    </div>
  );
}
