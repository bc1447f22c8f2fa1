import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleRequest } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { readConsoleRequests } from './escalations-api.ts';

/** How often the list is read again when nothing live says it changed. */
const REFRESH_MS = 30_000;

/**
 * Requests for the signed-in person as a unit's contact reached in the console: "take over this
 * incident". Each opens the same answer page an SMS link does, in a new tab, so the console stays.
 * Read again whenever an escalation changes on the live stream, and every half minute.
 */
export function ConsoleRequests() {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const awaiting = useConsoleStore((state) => state.awaitingEscalations);
  const [requests, setRequests] = useState<readonly ConsoleRequest[]>([]);

  useEffect(() => {
    let current = true;
    const load = async () => {
      const result = await readConsoleRequests(api);
      // NOTE: a failed read keeps what was shown; the next one tries again.
      if (current && result.outcome === 'ok') setRequests(result.body.requests);
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [api, awaiting]);

  if (requests.length === 0) return null;
  return (
    <section
      className="console-requests"
      aria-label={t('escalations.requests.label')}
      data-testid="console-requests"
    >
      <h2 className="console-requests__title">
        {t('escalations.requests.title', { count: requests.length })}
      </h2>
      <ul className="console-requests__list">
        {requests.map((request) => (
          <li key={request.notificationId} className="console-requests__item">
            <span>
              {t('escalations.requests.asked', {
                unit: request.unitName,
                incident: request.incidentTitle,
              })}
            </span>
            <span className="console-requests__brief">{request.brief}</span>
            <a
              className="button button--small"
              href={request.link}
              target="_blank"
              rel="noopener noreferrer"
            >
              {t('escalations.requests.answer')}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
