import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistrictCollection } from '@vaka/domain';
import { useConsoleStore } from '../../stores/console-store.ts';
import type { Corner } from './area-polygon.ts';
import type { AreaMapView, AreaMode } from './area-map-view.ts';
import '../map/map.css';

interface AreaMapProps {
  readonly districts: DistrictCollection | null;
  readonly chosenDistrictIds: readonly string[];
  readonly corners: readonly Corner[];
  /** While drawing, a click adds a corner; otherwise the shape is shown closed. */
  readonly drawing: boolean;
  /** Whether a click chooses a district or adds a corner. */
  readonly mode: AreaMode;
  readonly describedBy: string;
  onAddCorner(corner: Corner): void;
  onFinish(): void;
  onToggleDistrict(districtId: string): void;
  /** Enter was pressed to choose a district with none at the map's centre. */
  onNoDistrict(): void;
}

/** Where the map stands: loading its code, drawing, or unable to draw at all (no WebGL). */
type MapState = 'loading' | 'ready' | 'unavailable';

/**
 * The map a message's area is chosen and drawn on: the city's districts with the chosen ones
 * filled, and the corners clicked so far. The city's map style is used when it has one and it
 * loads.
 */
export function AreaMap({
  districts,
  chosenDistrictIds,
  corners,
  drawing,
  mode,
  describedBy,
  onAddCorner,
  onFinish,
  onToggleDistrict,
  onNoDistrict,
}: AreaMapProps) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<AreaMapView | null>(null);
  const [state, setState] = useState<MapState>('loading');
  const [fallback, setFallback] = useState(false);
  const city = useConsoleStore((store) => store.city);
  const styleUrl = city?.mapStyleUrl ?? null;
  const centerLat = city?.center.lat;
  const centerLon = city?.center.lon;
  // The map is made once; these let it call the latest callbacks and speak the current language.
  const callbacksRef = useRef({ onAddCorner, onFinish, onToggleDistrict, onNoDistrict });
  const stringsRef = useRef<Record<string, string>>({});
  useEffect(() => {
    callbacksRef.current = { onAddCorner, onFinish, onToggleDistrict, onNoDistrict };
    stringsRef.current = {
      'Map.Title': t('messages.area.drawing.map'),
      'NavigationControl.ZoomIn': t('map.zoomIn'),
      'NavigationControl.ZoomOut': t('map.zoomOut'),
    };
  });

  useEffect(() => {
    const container = containerRef.current;
    if (container === null || centerLat === undefined || centerLon === undefined) return;
    let cancelled = false;
    let made: AreaMapView | null = null;
    setState('loading');
    setFallback(styleUrl === null);
    void import('./area-map-view.ts').then(
      ({ AreaMapView }) => {
        if (cancelled) return;
        try {
          made = new AreaMapView({
            container,
            styleUrl,
            center: { lat: centerLat, lon: centerLon },
            strings: stringsRef.current,
            onAddCorner: (corner) => callbacksRef.current.onAddCorner(corner),
            onFinish: () => callbacksRef.current.onFinish(),
            onToggleDistrict: (districtId) => callbacksRef.current.onToggleDistrict(districtId),
            onNoDistrict: () => callbacksRef.current.onNoDistrict(),
            onFallback: () => setFallback(true),
          });
        } catch (error) {
          console.warn('The map cannot be drawn here', error);
          setState('unavailable');
          return;
        }
        // Lets a test find where a corner is drawn.
        Object.assign(container, {
          areaMap: { screenPointOf: (corner: Corner) => made?.screenPointOf(corner) ?? null },
        });
        made.onIdle(() => (container.dataset['idle'] = 'true'));
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

  useEffect(
    () => view?.setLabel(t('messages.area.drawing.map'), describedBy),
    [view, t, describedBy],
  );
  // The corners first: a drawn area is framed rather than the whole city.
  useEffect(() => view?.setCorners(corners, drawing), [view, corners, drawing]);
  useEffect(() => view?.setMode(mode), [view, mode]);
  useEffect(() => view?.setDistricts(districts), [view, districts]);
  useEffect(() => view?.setChosen(chosenDistrictIds), [view, chosenDistrictIds]);

  useEffect(() => {
    const container = containerRef.current;
    if (view === null || container === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => view.resize());
    observer.observe(container);
    return () => observer.disconnect();
  }, [view]);

  return (
    <div className="incident-map message-area__map">
      <div
        ref={containerRef}
        className="incident-map__canvas"
        data-testid="area-map"
        data-map-state={state}
        data-fallback={fallback}
        data-drawing={drawing}
        data-mode={mode}
      />
      <div className="incident-map__notes">
        {state === 'unavailable' && (
          <p className="incident-map__note" role="status" data-testid="area-map-unavailable">
            {t('messages.area.drawing.mapUnavailable')}
          </p>
        )}
        {state === 'ready' && fallback && (
          <p className="incident-map__note">{t('map.tilesUnavailable')}</p>
        )}
      </div>
    </div>
  );
}
