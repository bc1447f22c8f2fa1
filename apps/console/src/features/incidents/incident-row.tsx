import { useLayoutEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '@vaka/domain';
import { useConsoleStore } from '../../stores/console-store.ts';
import { SearchPassage } from '../filters/search-passage.tsx';
import { useSearchMatches } from '../filters/use-visible-incidents.ts';
import { formatLocation } from './format-location.ts';
import { incidentHref } from './incident-hash.ts';
import { IncidentTime } from './incident-time.tsx';
import { SeverityBadge } from './severity-badge.tsx';

interface IncidentRowProps {
  readonly incident: Incident;
  /** Open in the incident pane. */
  readonly selected: boolean;
  /** Where j and k stand: the row Tab reaches in the queue. */
  readonly atCursor: boolean;
  readonly onFocus: (incidentId: string) => void;
}

/**
 * One incident in the queue: severity, title, category, district, address, status, reports and
 * when it came in. A link to the incident, so Enter or a click opens it.
 */
export function IncidentRow({ incident, selected, atCursor, onFocus }: IncidentRowProps) {
  const { t } = useTranslation();
  const change = useConsoleStore((state) => state.recentlyChanged.get(incident.id));
  const linkRef = useRef<HTMLAnchorElement>(null);
  useKeepFocusAcrossGroups(incident.id, linkRef);
  const classes = ['incident-row'];
  if (change !== undefined) classes.push('incident-row--changed');
  if (selected) classes.push('incident-row--selected');

  return (
    <li
      className={classes.join(' ')}
      data-testid="incident-row"
      data-incident-id={incident.id}
      data-severity={incident.severity}
      data-status={incident.status}
      data-selected={selected}
    >
      {change !== undefined && (
        // Keyed by time so a second change restarts the animation.
        <span key={change.at} className="incident-row__flash" aria-hidden="true" />
      )}
      <a
        ref={linkRef}
        className="incident-row__link"
        href={incidentHref(incident.id)}
        tabIndex={atCursor ? 0 : -1}
        aria-current={selected ? 'true' : undefined}
        onFocus={() => onFocus(incident.id)}
      >
        <span className="incident-row__top">
          <SeverityBadge severity={incident.severity} />
          <span className="incident-row__status" data-status={incident.status}>
            {t(`status.${incident.status}`)}
          </span>
          {change !== undefined && (
            <span className="incident-row__tag">
              {t(change.kind === 'opened' ? 'incidents.new' : 'incidents.updated')}
            </span>
          )}
          <IncidentTime at={incident.openedAt} className="incident-row__time" />
        </span>
        <span className="incident-row__title">{incident.title}</span>
        <span className="incident-row__meta">
          <span className="incident-row__category">{t(`category.${incident.category}`)}</span>
          {incident.district !== undefined && (
            <span className="incident-row__district">{incident.district.name}</span>
          )}
          <span className="incident-row__location">{formatLocation(incident.location)}</span>
          <span className="incident-row__reports">
            {t('queue.reportCount', { count: incident.reportCount })}
          </span>
        </span>
        <RowPassages incidentId={incident.id} />
        {selected && <span className="visually-hidden">{t('queue.selected')}</span>}
      </a>
    </li>
  );
}

/** The incident whose row had the keyboard as it was taken out, during one commit. */
let focusLeftWith: string | null = null;

/**
 * A row that changes group (a status change, here or on another console) is a new element in
 * another list: without this the keyboard would fall back to the page and lose its place.
 */
function useKeepFocusAcrossGroups(
  incidentId: string,
  linkRef: RefObject<HTMLAnchorElement | null>,
): void {
  useLayoutEffect(() => {
    const link = linkRef.current;
    if (focusLeftWith === incidentId && document.activeElement === document.body) link?.focus();
    return () => {
      if (link === null || link !== document.activeElement) return;
      focusLeftWith = incidentId;
      // The row it reappears as mounts in the same commit; a row that leaves the queue for good
      // must not take the keyboard back later.
      queueMicrotask(() => {
        if (focusLeftWith === incidentId) focusLeftWith = null;
      });
    };
  }, [incidentId, linkRef]);
}

/** Moves the keyboard to an incident's row in the queue, if it is shown. */
export function focusIncidentRow(incidentId: string): boolean {
  const link = document.querySelector<HTMLElement>(
    `[data-testid="incident-row"][data-incident-id="${CSS.escape(incidentId)}"] .incident-row__link`,
  );
  link?.focus();
  link?.scrollIntoView({ block: 'nearest' });
  return link !== null;
}

/**
 * While searching, where the words were found in the incident's reports and notes (a match in
 * the title shows in the title itself), so the duty officer sees why it is in the list.
 */
function RowPassages({ incidentId }: { readonly incidentId: string }) {
  const { t } = useTranslation();
  const passages = useSearchMatches(incidentId).flatMap((match) =>
    match.source === 'incident' ? [] : [{ source: match.source, text: match.text }],
  );
  if (passages.length === 0) return null;
  return (
    <span className="incident-row__passages">
      {passages.map((match, index) => (
        <span key={index} className="incident-row__passage" data-source={match.source}>
          <span className="incident-row__passage-source">{t(`queue.foundIn.${match.source}`)}</span>{' '}
          <SearchPassage text={match.text} />
        </span>
      ))}
    </span>
  );
}
