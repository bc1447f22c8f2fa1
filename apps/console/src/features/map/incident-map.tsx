import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '@vaka/domain';
import { formatTimeWithDate } from '../../lib/time-format.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { useDistricts } from '../districts/use-districts.ts';
import { useVisibleIncidents } from '../filters/use-visible-incidents.ts';
import { useNow } from '../incidents/use-now.ts';
import { MAP_HOURS, mapMarks } from '../planned-events/calendar-days.ts';
import { usePlannedEvents } from '../planned-events/use-planned-events.ts';
import type { MapView, RenderedCounts } from './map-view.ts';
import './map.css';

export interface IncidentMapProps {
  readonly selectedIncidentId: string | null;
  onSelect(id: string): void;
  /** What to draw; by default the incidents the list's filters let through. */
  readonly incidents?: readonly Incident[];
}

/** What the map container offers a test (and a curious person at the console) to ask the map. */
export interface IncidentMapProbe {
  /** What the map has drawn in view. */
  renderedCounts(): RenderedCounts;
  /** Where an incident's circle is, relative to the map's top left; null when it is not drawn. */
  screenPointOf(incidentId: string): { x: number; y: number } | null;
}

/** Where the map stands: loading its code, drawing, or unable to draw at all (no WebGL). */
type MapState = 'loading' | 'ready' | 'unavailable';

/**
 * The visible incidents on a map of the city, as circles coloured by severity, over its
 * districts. A click on a circle selects the incident. The city's map style is used when it has
 * one and it loads; otherwise a plain map of the districts.
 */
export function IncidentMap({ selectedIncidentId, onSelect, incidents: given }: IncidentMapProps) {
  const { t, i18n } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<MapView | null>(null);
  const [state, setState] = useState<MapState>('loading');
  const [fallback, setFallback] = useState(false);
  const visible = useVisibleIncidents();
  const incidents = given ?? visible.incidents;
  const districts = useDistricts();
  const city = useConsoleStore((state) => state.city);
  const styleUrl = city?.mapStyleUrl ?? null;
  const centerLat = city?.center.lat;
  const centerLon = city?.center.lon;
  const timeZone = useCityTimeZone();
  const now = useNow();
  const planned = usePlannedEvents(MAP_HOURS, false).view;
  const [showPlanned, setShowPlanned] = useState(true);
  const plannedMarks = useMemo(
    () =>
      planned.status === 'loaded'
        ? mapMarks(planned.events, (event) =>
            formatTimeWithDate(new Date(event.startsAt), now, i18n.language, timeZone),
          )
        : [],
    [planned, now, i18n.language, timeZone],
  );
  // The map is made once; these let it call the latest callback and speak the current language.
  const onSelectRef = useRef(onSelect);
  const stringsRef = useRef<Record<string, string>>({});
  useEffect(() => {
    onSelectRef.current = onSelect;
    stringsRef.current = {
      'Map.Title': t('map.label'),
      'NavigationControl.ZoomIn': t('map.zoomIn'),
      'NavigationControl.ZoomOut': t('map.zoomOut'),
    };
  });

  useEffect(() => {
    const container = containerRef.current;
    if (container === null || centerLat === undefined || centerLon === undefined) return;
    let cancelled = false;
    let made: MapView | null = null;
    setState('loading');
    setFallback(styleUrl === null);
    void import('./map-view.ts').then(
      ({ MapView }) => {
        if (cancelled) return;
        try {
          made = new MapView({
            container,
            styleUrl,
            center: { lat: centerLat, lon: centerLon },
            strings: stringsRef.current,
            onSelect: (id) => onSelectRef.current(id),
            onFallback: () => setFallback(true),
          });
        } catch (error) {
          console.warn('The map cannot be drawn here', error);
          setState('unavailable');
          return;
        }
        const probe: IncidentMapProbe = {
          renderedCounts: () => made?.renderedCounts() ?? { incidents: 0, districts: 0 },
          screenPointOf: (id) => made?.screenPointOf(id) ?? null,
        };
        Object.assign(container, { incidentMap: probe });
        made.onIdle(() => {
          const counts = made?.renderedCounts();
          if (counts === undefined) return;
          container.dataset['renderedIncidents'] = String(counts.incidents);
          container.dataset['renderedDistricts'] = String(counts.districts);
        });
        setView(made);
        setState('ready');
      },
      (error: unknown) => {
        console.warn('The map could not be loaded', error);
        if (!cancelled) setState('unavailable');
      },
    );
    return () => {
      cancelled = true;
      made?.destroy();
      made = null;
      setView(null);
    };
  }, [centerLat, centerLon, styleUrl]);

  useEffect(() => view?.setLabel(t('map.label')), [view, t]);
  useEffect(() => view?.setIncidents(incidents), [view, incidents]);
  useEffect(() => view?.setDistricts(districts), [view, districts]);
  useEffect(() => view?.setSelected(selectedIncidentId), [view, selectedIncidentId]);
  useEffect(() => {
    if (view === null) return;
    view.setPlannedEvents(showPlanned ? plannedMarks : []);
    const container = containerRef.current;
    if (container !== null) {
      container.dataset['renderedPlannedEvents'] = String(view.plannedEventCount());
    }
  }, [view, showPlanned, plannedMarks]);

  useEffect(() => {
    const container = containerRef.current;
    if (view === null || container === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => view.resize());
    observer.observe(container);
    return () => observer.disconnect();
  }, [view]);

  const withoutCoordinates = incidents.filter(
    (incident) => incident.location.coordinates === undefined,
  ).length;

  return (
    <section className="incident-map" aria-label={t('map.label')} data-testid="incident-map-pane">
      <div
        ref={containerRef}
        className="incident-map__canvas"
        data-testid="incident-map"
        data-map-state={state}
        data-fallback={fallback}
        data-selected-incident-id={selectedIncidentId ?? undefined}
      />
      <div className="incident-map__notes">
        {state === 'unavailable' && (
          <p className="incident-map__note" role="status" data-testid="map-unavailable">
            {t('map.unavailable')}
          </p>
        )}
        {state === 'ready' && fallback && (
          <p className="incident-map__note" data-testid="map-tiles-unavailable">
            {t('map.tilesUnavailable')}
          </p>
        )}
        {plannedMarks.length > 0 && (
          <label className="checkbox incident-map__note">
            <input
              type="checkbox"
              data-testid="map-planned-toggle"
              checked={showPlanned}
              onChange={(change) => setShowPlanned(change.target.checked)}
            />
            {t('plannedEvents.map.show', { count: plannedMarks.length })}
          </label>
        )}
        {withoutCoordinates > 0 && (
          <p className="incident-map__note" data-testid="map-without-coordinates">
            {t('map.withoutCoordinates', { count: withoutCoordinates })}
          </p>
        )}
      </div>
    </section>
  );
}
