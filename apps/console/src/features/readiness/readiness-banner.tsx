import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReadinessLevel, type Readiness } from '@vaka/domain';
import { formatTimeWithDate } from '../../lib/time-format.ts';
import { selectSession } from '../../stores/auth-slice.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { accessOf } from '../auth/access.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { useNow } from '../incidents/use-now.ts';
import { ChangeReadinessDialog } from './change-readiness-dialog.tsx';
import './readiness.css';

/**
 * The city's readiness level across the top of the console: a slim calm line at normal, an
 * unmistakable band above it (colour, words and a symbol) with why, who and when. Those who may
 * change the level get a button for it.
 */
export function ReadinessBanner() {
  const { t, i18n } = useTranslation();
  const readiness = useConsoleStore((state) => state.readiness);
  const canChange = useConsoleStore((state) => {
    const session = selectSession(state);
    return session !== null && accessOf(session.user.roles).setReadiness;
  });
  const timeZone = useCityTimeZone();
  const now = useNow();
  const [dialogOpen, setDialogOpen] = useState(false);
  const changeButtonRef = useRef<HTMLButtonElement>(null);
  const headingId = useId();

  if (readiness === null) return null;
  const raised = readiness.level !== ReadinessLevel.normal;

  return (
    <section
      className={`readiness-banner readiness-banner--${readiness.level}`}
      data-testid="readiness-banner"
      data-level={readiness.level}
      aria-labelledby={headingId}
    >
      <ReadinessSymbol level={readiness.level} />
      <p className="readiness-banner__level">
        <span id={headingId} className="readiness-banner__caption">
          {t('readiness.caption')}:
        </span>{' '}
        <strong data-testid="readiness-level">{t(`readiness.level.${readiness.level}`)}</strong>
      </p>
      {raised && readiness.reason !== undefined && (
        <p className="readiness-banner__reason" data-testid="readiness-reason">
          {readiness.reason}
        </p>
      )}
      <ChangedBy readiness={readiness} now={now} language={i18n.language} timeZone={timeZone} />
      {canChange && (
        <button
          ref={changeButtonRef}
          type="button"
          className="button button--quiet button--small readiness-banner__change"
          data-testid="readiness-change"
          onClick={() => setDialogOpen(true)}
        >
          {t('readiness.change')}
        </button>
      )}
      {dialogOpen && (
        <ChangeReadinessDialog
          current={readiness.level}
          onClose={() => {
            setDialogOpen(false);
            changeButtonRef.current?.focus();
          }}
        />
      )}
    </section>
  );
}

function ChangedBy({
  readiness,
  now,
  language,
  timeZone,
}: {
  readonly readiness: Readiness;
  readonly now: number;
  readonly language: string;
  readonly timeZone: string;
}) {
  const { t } = useTranslation();
  if (readiness.changedAt === undefined) return null;
  const time = formatTimeWithDate(new Date(readiness.changedAt), now, language, timeZone);
  return (
    <p className="readiness-banner__changed" data-testid="readiness-changed">
      {readiness.changedBy === undefined
        ? t('readiness.changedAt', { time })
        : t('readiness.changedBy', { time, name: readiness.changedBy })}
    </p>
  );
}

/** A shape per level, so the level reads without colour: a dot, a triangle, a square, a diamond. */
export function ReadinessSymbol({ level }: { readonly level: ReadinessLevel }) {
  return (
    <svg className="readiness-banner__symbol" viewBox="0 0 16 16" aria-hidden="true">
      {level === ReadinessLevel.normal && <circle cx="8" cy="8" r="4" />}
      {level === ReadinessLevel.reinforced && <path d="M8 1.5 15 14.5H1z" />}
      {level === ReadinessLevel.staffMode && <rect x="2" y="2" width="12" height="12" />}
      {level === ReadinessLevel.crisisLeadership && <path d="M8 0.5 15.5 8 8 15.5 0.5 8z" />}
    </svg>
  );
}
