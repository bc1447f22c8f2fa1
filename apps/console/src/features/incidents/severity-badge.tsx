import { useTranslation } from 'react-i18next';
import { SEVERITIES, severityRank, type Severity } from '@vaka/domain';

/**
 * The severity as a word on its colour, with a bar gauge beside it, so it reads without colour
 * vision and from across the room.
 */
export function SeverityBadge({ severity }: { readonly severity: Severity }) {
  const { t } = useTranslation();
  const rank = severityRank(severity);
  return (
    <span className={`severity-badge severity-badge--${severity}`} data-severity={severity}>
      <span className="severity-badge__gauge" aria-hidden="true">
        {SEVERITIES.map((level, index) => (
          <span key={level} className={index <= rank ? 'is-filled' : undefined} />
        ))}
      </span>
      {t(`severity.${severity}`)}
    </span>
  );
}
