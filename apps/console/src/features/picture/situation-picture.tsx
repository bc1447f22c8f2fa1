import { useId, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ReadinessLevel } from '@vaka/domain';
import { formatClockTime, formatTimeWithDate } from '../../lib/time-format.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { incidentHref } from '../incidents/incident-hash.ts';
import { useNow } from '../incidents/use-now.ts';
import { IncidentMap } from '../map/incident-map.tsx';
import { ReadinessSymbol } from '../readiness/readiness-banner.tsx';
import { FullScreenButton } from './full-screen-button.tsx';
import { PictureCounts, PictureTotal } from './picture-counts.tsx';
import { PictureEscalations, PictureMessages, PicturePlannedEvents } from './picture-lists.tsx';
import { liveStateOf, liveStateText } from './picture-logic.ts';
import { PictureTimeline } from './picture-timeline.tsx';
import './picture.css';

/** Opens an incident on the incidents screen, from a circle on the map. */
function openIncident(incidentId: string): void {
  window.location.hash = incidentHref(incidentId);
}

/**
 * The situation picture for leadership, read-only, for a wall screen and a laptop: the readiness
 * level, the open incidents counted and on a map, the key events of the last hours, the
 * escalations still waiting, the public messages in force and the planned events of the coming
 * days. It follows the live stream and says plainly when it is not live.
 */
export function SituationPicture() {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const pictureRef = useRef<HTMLDivElement>(null);
  const timeZone = useCityTimeZone();
  const now = useNow();
  const incidentMap = useConsoleStore((state) => state.incidents);
  const incidents = useMemo(() => [...incidentMap.values()], [incidentMap]);

  return (
    <main className="picture-page" aria-labelledby={headingId} data-testid="situation-picture">
      <div ref={pictureRef} className="picture">
        <LiveNotice />
        <header className="picture__top">
          <h2 id={headingId} className="picture__heading">
            {t('picture.heading')}
            <span className="picture__clock">
              {formatClockTime(new Date(now), i18n.language, timeZone)}
            </span>
          </h2>
          <PictureReadiness />
          <PictureTotal />
          <FullScreenButton target={pictureRef} />
        </header>
        <PictureCounts />
        <div className="picture__body">
          <section className="panel picture__map" aria-label={t('picture.map')}>
            <IncidentMap selectedIncidentId={null} onSelect={openIncident} incidents={incidents} />
          </section>
          <PictureTimeline />
          <div className="picture__lists">
            <PictureEscalations />
            <PictureMessages />
            <PicturePlannedEvents />
          </div>
        </div>
      </div>
    </main>
  );
}

/** The readiness level in large words and its shape, with why it was raised. */
function PictureReadiness() {
  const { t } = useTranslation();
  const readiness = useConsoleStore((state) => state.readiness);
  if (readiness === null) return <p className="picture-readiness">{t('picture.loading')}</p>;
  return (
    <section
      className={`picture-readiness picture-readiness--${readiness.level}`}
      aria-label={t('picture.readiness')}
      data-testid="picture-readiness"
      data-level={readiness.level}
    >
      <ReadinessSymbol level={readiness.level} />
      <p className="picture-readiness__text">
        <span className="picture-readiness__caption">{t('readiness.caption')}</span>
        <strong className="picture-readiness__level">
          {t(`readiness.level.${readiness.level}`)}
        </strong>
        {readiness.level !== ReadinessLevel.normal && readiness.reason !== undefined && (
          <span className="picture-readiness__reason">{readiness.reason}</span>
        )}
      </p>
    </section>
  );
}

/**
 * Whether the picture is live, in words across its top, and when it last heard from the server.
 * Not live, it takes a band no one can miss: what is on screen may be out of date.
 */
function LiveNotice() {
  const { t, i18n } = useTranslation();
  const status = useConsoleStore((state) => state.connectionStatus);
  const offlineSince = useConsoleStore((state) => state.offlineSince);
  const updatedAt = useConsoleStore((state) => state.pictureUpdatedAt);
  const timeZone = useCityTimeZone();
  const now = useNow();
  const live = liveStateOf(status, offlineSince);
  const time = (date: Date) => formatTimeWithDate(date, now, i18n.language, timeZone);
  return (
    <div
      className={`picture-live picture-live--${live.kind}`}
      data-testid="picture-live"
      data-state={live.kind}
    >
      <p className="picture-live__state" role={live.kind === 'not_live' ? 'alert' : 'status'}>
        {live.kind === 'not_live' && (
          <span className="picture-live__symbol" aria-hidden="true">
            ⚠
          </span>
        )}
        <span data-testid="picture-live-text">{liveStateText(live, t, time)}</span>
      </p>
      <p className="picture-live__updated" data-testid="picture-updated">
        {updatedAt === null
          ? t('picture.notUpdated')
          : t('picture.updatedAt', {
              time: formatTimeWithDate(updatedAt, now, i18n.language, timeZone),
            })}
      </p>
    </div>
  );
}
