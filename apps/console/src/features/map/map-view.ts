import {
  Map as MapLibreMap,
  Marker,
  NavigationControl,
  setWorkerUrl,
  type ExpressionSpecification,
  type GeoJSONSource,
  type MapLayerMouseEvent,
  type StyleSpecification,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import {
  SEVERITIES,
  type Coordinates,
  type DistrictCollection,
  type DistrictGeometry,
  type Incident,
  type Severity,
} from '@vaka/domain';

import { PlannedEventMarks, type PlannedEventMark } from '../planned-events/planned-event-marks.ts';

// NOTE: the worker is served as a file of its own; the bundle cannot find it next to itself.
setWorkerUrl(workerUrl);

const DISTRICTS = 'districts';
const INCIDENTS = 'incidents';
const SELECTED = 'incident-selected';
/** How long a city's own map style may take before the districts-only map replaces it. */
const STYLE_TIMEOUT_MS = 8_000;

export interface MapViewOptions {
  readonly container: HTMLElement;
  /** The city's map style; none draws the districts-only map at once. */
  readonly styleUrl: string | null;
  readonly center: Coordinates;
  /** The map's own strings (its name, the zoom buttons) in the console's language. */
  readonly strings: Readonly<Record<string, string>>;
  onSelect(incidentId: string): void;
  /** The city's style or its tiles could not be loaded: the districts-only map is showing. */
  onFallback(): void;
}

/** How many incidents and districts the map has drawn, for a person checking it and for tests. */
export interface RenderedCounts {
  readonly incidents: number;
  readonly districts: number;
}

export interface CityMapOptions {
  readonly container: HTMLElement;
  /** The city's map style; none draws the districts-only map at once. */
  readonly styleUrl: string | null;
  readonly center: Coordinates;
  /** The map's own strings (its name, the zoom buttons) in the console's language. */
  readonly strings: Readonly<Record<string, string>>;
  /** The sources the caller adds: their errors are not the city's style failing. */
  readonly ownSources: readonly string[];
  /** A style has loaded (the city's or the districts-only one): add the layers on top of it. */
  onStyleLoad(): void;
  /** The city's style or its tiles could not be loaded: the districts-only map is showing. */
  onFallback(): void;
}

/** A MapLibre map of the city, and how to take it down. */
export interface CityMap {
  readonly map: MapLibreMap;
  destroy(): void;
}

/**
 * A map of the city in its own style, or the districts-only map when the city has none, or when
 * its style or tiles fail or take too long.
 */
export function openCityMap(options: CityMapOptions): CityMap {
  let fallback = options.styleUrl === null;
  let styleTimer: ReturnType<typeof setTimeout> | undefined;
  const map = new MapLibreMap({
    container: options.container,
    style: options.styleUrl ?? plainStyle(),
    center: [options.center.lon, options.center.lat],
    zoom: 10,
    attributionControl: false,
    locale: options.strings,
    // Lets tests (and screenshots) read back what was drawn.
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  const fallBack = (): void => {
    if (fallback) return;
    fallback = true;
    clearTimeout(styleTimer);
    map.setStyle(plainStyle());
    options.onFallback();
  };
  const onError = (event: { error?: unknown; sourceId?: string }): void => {
    if (fallback) return;
    // Our own sources never fail; anything else is the city's style or its tiles.
    if (event.sourceId !== undefined && options.ownSources.includes(event.sourceId)) return;
    fallBack();
  };
  map.on('style.load', () => {
    clearTimeout(styleTimer);
    options.onStyleLoad();
  });
  map.on('error', (event) => onError(event));
  if (!fallback) {
    styleTimer = setTimeout(() => {
      if (!map.isStyleLoaded()) fallBack();
    }, STYLE_TIMEOUT_MS);
  }
  return {
    map,
    destroy() {
      clearTimeout(styleTimer);
      map.remove();
    },
  };
}

/**
 * District names as page text over a map (the districts-only map has no fonts to draw them),
 * the largest kept where names would overlap.
 */
export class DistrictNames {
  private readonly map: MapLibreMap;
  private labels: Marker[] = [];

  constructor(map: MapLibreMap) {
    this.map = map;
    map.on('moveend', () => this.declutter());
    map.on('resize', () => this.declutter());
  }

  /** Names these districts, replacing the names shown before. */
  place(districts: DistrictCollection | null): void {
    this.remove();
    const placed = (districts?.features ?? []).flatMap((district) => {
      const centre = centreOf(district.geometry);
      if (centre === null) return [];
      const element = document.createElement('span');
      element.className = 'incident-map__district-name';
      element.textContent = district.properties.name;
      element.setAttribute('aria-hidden', 'true');
      return [{ area: centre.area, marker: new Marker({ element }).setLngLat(centre.centre) }];
    });
    // The largest districts keep their names when names would overlap.
    this.labels = placed
      .sort((a, b) => b.area - a.area)
      .map(({ marker }) => marker.addTo(this.map));
    this.declutter();
  }

  remove(): void {
    for (const label of this.labels) label.remove();
    this.labels = [];
  }

  /** Hides the names that would overlap a name already shown, as the map is zoomed out. */
  private declutter(): void {
    const shown: DOMRect[] = [];
    for (const label of this.labels) {
      const element = label.getElement();
      element.style.visibility = '';
      const box = element.getBoundingClientRect();
      const overlaps = shown.some(
        (other) =>
          box.left < other.right &&
          other.left < box.right &&
          box.top < other.bottom &&
          other.top < box.bottom,
      );
      if (overlaps) element.style.visibility = 'hidden';
      else shown.push(box);
    }
  }
}

/**
 * The map itself, outside React: MapLibre with the districts as outlines with their names, and
 * the incidents as circles coloured by severity. The map is made once; new incidents or a new
 * selection only replace its data.
 */
export class MapView {
  private readonly cityMap: CityMap;
  private readonly map: MapLibreMap;
  private readonly options: MapViewOptions;
  private readonly districtNames: DistrictNames;
  private readonly plannedEventMarks: PlannedEventMarks;
  private incidents: readonly Incident[] = [];
  private districts: DistrictCollection | null = null;
  private selectedId: string | null = null;
  /** Whether the person has moved the map, so loading districts later does not move it back. */
  private moved = false;
  private fitted = false;

  constructor(options: MapViewOptions) {
    this.options = options;
    this.cityMap = openCityMap({
      ...options,
      ownSources: [DISTRICTS, INCIDENTS],
      onStyleLoad: () => this.addLayers(),
    });
    this.map = this.cityMap.map;
    this.districtNames = new DistrictNames(this.map);
    this.plannedEventMarks = new PlannedEventMarks(this.map);
    this.map.on('dragstart', () => (this.moved = true));
    this.map.on('click', INCIDENTS, (event: MapLayerMouseEvent) => {
      const id: unknown = event.features?.[0]?.properties?.['id'];
      if (typeof id === 'string') this.options.onSelect(id);
    });
    this.map.on('mouseenter', INCIDENTS, () => (this.map.getCanvas().style.cursor = 'pointer'));
    this.map.on('mouseleave', INCIDENTS, () => (this.map.getCanvas().style.cursor = ''));
  }

  /** Shows these incidents (those without coordinates are left out). */
  setIncidents(incidents: readonly Incident[]): void {
    this.incidents = incidents;
    this.source(INCIDENTS)?.setData(incidentFeatures(incidents));
  }

  /** Marks these planned events, a diamond each with its name and time. */
  setPlannedEvents(marks: readonly PlannedEventMark[]): void {
    this.plannedEventMarks.place(marks);
  }

  /** How many planned events are marked. */
  plannedEventCount(): number {
    return this.plannedEventMarks.count();
  }

  /** Shows the city's districts, and frames them unless the person has moved the map. */
  setDistricts(districts: DistrictCollection | null): void {
    this.districts = districts;
    this.source(DISTRICTS)?.setData(districts ?? emptyCollection());
    this.districtNames.place(districts);
    this.frameDistricts();
  }

  /** Rings the selected incident. */
  setSelected(incidentId: string | null): void {
    this.selectedId = incidentId;
    if (this.map.getLayer(SELECTED) === undefined) return;
    for (const layer of [SELECTED, `${SELECTED}-edge`]) {
      this.map.setFilter(layer, ['==', ['get', 'id'], incidentId ?? '']);
    }
    this.map.setPaintProperty(INCIDENTS, 'circle-radius', radiusFor(incidentId));
  }

  /** Names the map for screen readers, in the console's current language. */
  setLabel(label: string): void {
    this.map.getCanvas().setAttribute('aria-label', label);
  }

  /** Where an incident's circle is on the screen, relative to the map; null when not drawn. */
  screenPointOf(incidentId: string): { x: number; y: number } | null {
    const coordinates = this.incidents.find((each) => each.id === incidentId)?.location.coordinates;
    if (coordinates === undefined) return null;
    const point = this.map.project([coordinates.lon, coordinates.lat]);
    return { x: point.x, y: point.y };
  }

  /** What the map has drawn in view. */
  renderedCounts(): RenderedCounts {
    if (!this.map.isStyleLoaded()) return { incidents: 0, districts: 0 };
    const ids = (layer: string) =>
      new Set(
        this.map
          .queryRenderedFeatures({ layers: [layer] })
          .map((feature): unknown => feature.properties['id']),
      ).size;
    return { incidents: ids(INCIDENTS), districts: ids(`${DISTRICTS}-line`) };
  }

  /** Calls back each time the map has finished drawing. */
  onIdle(listener: () => void): void {
    this.map.on('idle', listener);
  }

  /** The map follows its container's size. */
  resize(): void {
    this.map.resize();
  }

  destroy(): void {
    this.districtNames.remove();
    this.plannedEventMarks.remove();
    this.cityMap.destroy();
  }

  private source(id: string): GeoJSONSource | undefined {
    return this.map.getSource<GeoJSONSource>(id);
  }

  /** Adds the districts and incidents on top of whatever style has loaded. */
  private addLayers(): void {
    const colours = severityColours();
    this.map.addSource(DISTRICTS, {
      type: 'geojson',
      data: this.districts ?? emptyCollection(),
    });
    this.map.addSource(INCIDENTS, { type: 'geojson', data: incidentFeatures(this.incidents) });
    this.map.addLayer({
      id: `${DISTRICTS}-fill`,
      type: 'fill',
      source: DISTRICTS,
      paint: { 'fill-color': '#58a6ff', 'fill-opacity': 0.06 },
    });
    this.map.addLayer({
      id: `${DISTRICTS}-line`,
      type: 'line',
      source: DISTRICTS,
      paint: { 'line-color': '#8b98a9', 'line-width': 1.5, 'line-opacity': 0.9 },
    });
    this.map.addLayer({
      id: INCIDENTS,
      type: 'circle',
      source: INCIDENTS,
      paint: {
        'circle-radius': radiusFor(this.selectedId),
        'circle-color': [
          'match',
          ['get', 'severity'],
          'critical',
          colours.critical,
          'serious',
          colours.serious,
          'moderate',
          colours.moderate,
          colours.minor,
        ],
        'circle-stroke-color': '#0d1117',
        'circle-stroke-width': 1.5,
      },
    });
    // The selected incident gets a white ring with a dark edge, clear on every severity colour.
    for (const [id, radius, colour, width] of [
      [`${SELECTED}-edge`, 16, '#0d1117', 5],
      [SELECTED, 16, '#ffffff', 2.5],
    ] as const) {
      this.map.addLayer({
        id,
        type: 'circle',
        source: INCIDENTS,
        filter: ['==', ['get', 'id'], this.selectedId ?? ''],
        paint: {
          'circle-radius': radius,
          'circle-color': 'rgba(0, 0, 0, 0)',
          'circle-stroke-color': colour,
          'circle-stroke-width': width,
        },
      });
    }
    this.setSelected(this.selectedId);
    this.districtNames.place(this.districts);
    this.frameDistricts();
  }

  private frameDistricts(): void {
    if (this.moved || this.fitted || this.districts === null) return;
    if (frameDistricts(this.map, this.districts)) this.fitted = true;
  }
}

/** Circles grow with severity; the selected one is the largest. */
function radiusFor(selectedId: string | null): ExpressionSpecification {
  return [
    'case',
    ['==', ['get', 'id'], selectedId ?? ''],
    11,
    ['match', ['get', 'severity'], 'critical', 9, 'serious', 8, 7],
  ];
}

/** A map without anything from outside: a plain background for the districts and incidents. */
function plainStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#1b2430' } }],
  };
}

/** The list's severity colours, read from the page's theme so both always agree. */
function severityColours(): Record<Severity, string> {
  const style = getComputedStyle(document.documentElement);
  const fallback: Record<Severity, string> = {
    minor: '#5b8fd1',
    moderate: '#f2c94c',
    serious: '#f2803a',
    critical: '#d7263d',
  };
  const colours = { ...fallback };
  for (const severity of SEVERITIES) {
    // Minor's badge is dark with a light edge; on the map its edge colour reads.
    const variable = severity === 'minor' ? '--severity-minor-edge' : `--severity-${severity}-bg`;
    const value = style.getPropertyValue(variable).trim();
    if (value !== '') colours[severity] = value;
  }
  return colours;
}

/** Frames the districts on the map at once; false when there is nothing to frame. */
export function frameDistricts(map: MapLibreMap, districts: DistrictCollection): boolean {
  const bounds = boundsOf(districts);
  if (bounds === null) return false;
  map.fitBounds(bounds, { padding: 24, animate: false });
  return true;
}

/** A GeoJSON source's data with nothing in it. */
export function emptyCollection(): GeoJSON.FeatureCollection {
  return { type: 'FeatureCollection', features: [] };
}

function incidentFeatures(incidents: readonly Incident[]): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  for (const incident of incidents) {
    const coordinates = incident.location.coordinates;
    if (coordinates === undefined) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [coordinates.lon, coordinates.lat] },
      properties: { id: incident.id, severity: incident.severity, title: incident.title },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The outer rings of a district's polygons. */
function outerRings(geometry: DistrictGeometry): number[][][] {
  return geometry.type === 'Polygon'
    ? geometry.coordinates.slice(0, 1)
    : geometry.coordinates.flatMap((polygon) => polygon.slice(0, 1));
}

/**
 * Roughly the middle of a district, where its name goes: the centre of its largest ring's box,
 * with the box's area to rank districts by size.
 */
function centreOf(geometry: DistrictGeometry): { centre: [number, number]; area: number } | null {
  let best: { area: number; centre: [number, number] } | null = null;
  for (const ring of outerRings(geometry)) {
    const box = boxOf(ring);
    if (box === null) continue;
    const area = (box[2] - box[0]) * (box[3] - box[1]);
    if (best === null || area > best.area) {
      best = { area, centre: [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2] };
    }
  }
  return best;
}

function boundsOf(districts: DistrictCollection): [number, number, number, number] | null {
  const rings = districts.features.flatMap((district) => outerRings(district.geometry));
  return boxOf(rings.flat());
}

function boxOf(positions: readonly number[][]): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null;
  for (const [lon, lat] of positions) {
    if (lon === undefined || lat === undefined) continue;
    box =
      box === null
        ? [lon, lat, lon, lat]
        : [
            Math.min(box[0], lon),
            Math.min(box[1], lat),
            Math.max(box[2], lon),
            Math.max(box[3], lat),
          ];
  }
  return box;
}
