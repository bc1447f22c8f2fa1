import { useTranslation } from 'react-i18next';
import { selectSession } from '../../stores/auth-slice.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { accessOf } from '../auth/access.ts';
import { newMessageHref } from './message-hash.ts';

/** Opens a public message drafted from the incident, for those who may write one. */
export function IncidentMessageButton({ incidentId }: { readonly incidentId: string }) {
  const { t } = useTranslation();
  const roles = useConsoleStore((state) => selectSession(state)?.user.roles);
  if (roles === undefined || !accessOf(roles).writeMessages) return null;
  return (
    <a
      className="button button--quiet button--small"
      href={newMessageHref(incidentId)}
      data-testid="incident-public-message"
    >
      {t('messages.fromIncident')}
    </a>
  );
}
