import type {
  GeoJSONSource,
  Map as MapLibreMap,
  MapMouseEvent,
  LngLatBoundsLike,
} from 'maplibre-gl';
import { districtAt, type Coordinates, type DistrictCollection } from '@vaka/domain';
import {
  DistrictNames,
  emptyCollection,
  frameDistricts,
  openCityMap,
  type CityMap,
} from '../map/map-view.ts';
import { cornerAt, type Corner } from './area-polygon.ts';

const DISTRICTS = 'area-districts';
const SHAPE = 'area-shape';
const CORNERS = 'area-corners';
/** How near the first corner, in pixels, a click closes the area. */
const CLOSE_DISTANCE_PX = 12;

/** What a click on the map (or Enter at its centre) does: choose a district, or add a corner. */
export type AreaMode = 'districts' | 'draw';

export interface AreaMapViewOptions {
  readonly container: HTMLElement;
  readonly styleUrl: string | null;
  readonly center: Coordinates;
  readonly strings: Readonly<Record<string, string>>;
  /** A click where a corner goes, while drawing. */
  onAddCorner(corner: Corner): void;
  /** A click on the first corner, with enough corners to close the area. */
  onFinish(): void;
  /** A click on a district, or Enter with it at the centre, while choosing districts. */
  onToggleDistrict(districtId: string): void;
  /** Enter while choosing districts, with no district at the centre. */
  onNoDistrict(): void;
  onFallback(): void;
}

/**
 * The map a message's area is chosen and drawn on, outside React: the city's districts, the
 * chosen ones filled and the one under the pointer named, and the corners drawn so far joined
 * into the shape, closed once finished.
 */
export class AreaMapView {
  private readonly cityMap: CityMap;
  private readonly map: MapLibreMap;
  private readonly districtNames: DistrictNames;
  private readonly options: AreaMapViewOptions;
  private districts: DistrictCollection | null = null;
  private chosen: readonly string[] = [];
  private corners: readonly Corner[] = [];
  private drawing = true;
  private mode: AreaMode = 'draw';
  /** The district under the pointer while choosing districts. */
  private hovered: string | null = null;
  private readonly hoverName: HTMLElement;
  private framed = false;

  constructor(options: AreaMapViewOptions) {
    this.options = options;
    this.cityMap = openCityMap({
      ...options,
      ownSources: [DISTRICTS, SHAPE, CORNERS],
      onStyleLoad: () => this.addLayers(),
    });
    this.map = this.cityMap.map;
    // Clicks in quick succession are corners, not a wish to zoom.
    this.map.doubleClickZoom.disable();
    this.districtNames = new DistrictNames(this.map);
    this.hoverName = document.createElement('span');
    this.hoverName.className = 'message-area__hover-name';
    // The checkboxes and the announcements name the districts for screen readers.
    this.hoverName.setAttribute('aria-hidden', 'true');
    this.hoverName.hidden = true;
    this.map.getContainer().append(this.hoverName);
    this.map.on('click', (event) => this.onClick(event));
    this.map.on('mousemove', (event) => this.onPointer(event));
    this.map.on('mouseout', () => this.hover(null));
    // With the map focused, the arrow keys move it and Enter acts at its centre, as a click would.
    this.map.getCanvas().addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      const centre = this.map.getCenter();
      if (this.mode === 'districts') {
        event.preventDefault();
        const district = this.districtAt(centre.lat, centre.lng);
        if (district === undefined) this.options.onNoDistrict();
        else this.options.onToggleDistrict(district.id);
      } else if (this.drawing) {
        event.preventDefault();
        this.options.onAddCorner(cornerAt(centre.lat, centre.lng));
      }
    });
  }

  /** Whether a click chooses districts or adds corners. */
  setMode(mode: AreaMode): void {
    this.mode = mode;
    if (mode !== 'districts') this.hover(null);
    this.showCursor();
  }

  /** Shows the city's districts, and frames them unless there is a drawn area to frame. */
  setDistricts(districts: DistrictCollection | null): void {
    this.districts = districts;
    this.source(DISTRICTS)?.setData(districts ?? emptyCollection());
    this.districtNames.place(districts);
    this.frame();
  }

  /** Fills the districts the message is about. */
  setChosen(districtIds: readonly string[]): void {
    this.chosen = districtIds;
    if (this.map.getLayer(`${DISTRICTS}-chosen`) === undefined) return;
    this.map.setFilter(`${DISTRICTS}-chosen`, ['in', ['get', 'id'], ['literal', [...districtIds]]]);
  }

  /** Shows the corners; while drawing, the shape stays open and clicks add corners. */
  setCorners(corners: readonly Corner[], drawing: boolean): void {
    this.corners = corners;
    this.drawing = drawing;
    this.source(SHAPE)?.setData(shapeFeatures(corners, drawing));
    this.source(CORNERS)?.setData(cornerFeatures(corners));
    this.showCursor();
    this.frame();
    // A finished area typed by keyboard may lie outside the view: bring it in.
    if (!drawing && this.framed && !this.inView(corners)) this.fitCorners();
  }

  /** Names the map for screen readers, and points at what explains how to draw on it. */
  setLabel(label: string, describedBy: string): void {
    this.map.getCanvas().setAttribute('aria-label', label);
    this.map.getCanvas().setAttribute('aria-describedby', describedBy);
  }

  /** Calls back each time the map has finished drawing. */
  onIdle(listener: () => void): void {
    this.map.on('idle', listener);
  }

  /** Where a corner is on the screen, relative to the map. */
  screenPointOf(corner: Corner): { x: number; y: number } {
    const point = this.map.project([corner[1], corner[0]]);
    return { x: point.x, y: point.y };
  }

  /** The map follows its container's size. */
  resize(): void {
    this.map.resize();
  }

  destroy(): void {
    this.hoverName.remove();
    this.districtNames.remove();
    this.cityMap.destroy();
  }

  private onClick(event: MapMouseEvent): void {
    if (this.mode === 'districts') {
      const district = this.districtAt(event.lngLat.lat, event.lngLat.lng);
      if (district !== undefined) this.options.onToggleDistrict(district.id);
      return;
    }
    if (!this.drawing) return;
    const first = this.corners[0];
    if (first !== undefined && this.corners.length >= 3) {
      const point = this.map.project([first[1], first[0]]);
      const distance = Math.hypot(point.x - event.point.x, point.y - event.point.y);
      if (distance <= CLOSE_DISTANCE_PX) {
        this.options.onFinish();
        return;
      }
    }
    this.options.onAddCorner(cornerAt(event.lngLat.lat, event.lngLat.lng));
  }

  /** Names the district under the pointer while choosing districts. */
  private onPointer(event: MapMouseEvent): void {
    if (this.mode !== 'districts') return;
    const district = this.districtAt(event.lngLat.lat, event.lngLat.lng);
    this.hover(district?.id ?? null, district?.name);
    if (district === undefined) return;
    // Beside the pointer, not under it, so the name does not hide what is pointed at.
    this.hoverName.style.transform = `translate(${event.point.x + 14}px, ${event.point.y + 14}px)`;
  }

  private hover(districtId: string | null, name = ''): void {
    if (districtId === this.hovered) return;
    this.hovered = districtId;
    this.hoverName.textContent = name;
    this.hoverName.hidden = districtId === null;
    if (this.map.getLayer(`${DISTRICTS}-hover`) !== undefined) {
      this.map.setFilter(`${DISTRICTS}-hover`, ['==', ['get', 'id'], districtId ?? '']);
    }
    this.showCursor();
  }

  private showCursor(): void {
    let cursor = '';
    if (this.mode === 'districts' && this.hovered !== null) cursor = 'pointer';
    else if (this.mode === 'draw' && this.drawing) cursor = 'crosshair';
    this.map.getCanvas().style.cursor = cursor;
  }

  private districtAt(lat: number, lon: number): { id: string; name: string } | undefined {
    if (this.districts === null) return undefined;
    return districtAt(this.districts, { coordinates: { lat, lon } });
  }

  private source(id: string): GeoJSONSource | undefined {
    return this.map.getSource<GeoJSONSource>(id);
  }

  private addLayers(): void {
    this.map.addSource(DISTRICTS, { type: 'geojson', data: this.districts ?? emptyCollection() });
    this.map.addSource(SHAPE, {
      type: 'geojson',
      data: shapeFeatures(this.corners, this.drawing),
    });
    this.map.addSource(CORNERS, { type: 'geojson', data: cornerFeatures(this.corners) });
    this.map.addLayer({
      id: `${DISTRICTS}-chosen`,
      type: 'fill',
      source: DISTRICTS,
      filter: ['in', ['get', 'id'], ['literal', [...this.chosen]]],
      paint: { 'fill-color': '#58a6ff', 'fill-opacity': 0.25 },
    });
    this.map.addLayer({
      id: `${DISTRICTS}-line`,
      type: 'line',
      source: DISTRICTS,
      paint: { 'line-color': '#8b98a9', 'line-width': 1.5, 'line-opacity': 0.9 },
    });
    this.map.addLayer({
      id: `${DISTRICTS}-hover`,
      type: 'line',
      source: DISTRICTS,
      filter: ['==', ['get', 'id'], this.hovered ?? ''],
      paint: { 'line-color': '#e6edf3', 'line-width': 3 },
    });
    this.map.addLayer({
      id: `${SHAPE}-fill`,
      type: 'fill',
      source: SHAPE,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#f2c94c', 'fill-opacity': 0.2 },
    });
    this.map.addLayer({
      id: `${SHAPE}-line`,
      type: 'line',
      source: SHAPE,
      paint: { 'line-color': '#f2c94c', 'line-width': 2.5 },
    });
    this.map.addLayer({
      id: CORNERS,
      type: 'circle',
      source: CORNERS,
      paint: {
        // The first corner is larger: a click on it closes the area.
        'circle-radius': ['case', ['==', ['get', 'index'], 0], 7, 5],
        'circle-color': '#f2c94c',
        'circle-stroke-color': '#0d1117',
        'circle-stroke-width': 2,
      },
    });
    this.districtNames.place(this.districts);
    this.frame();
  }

  /** Frames the drawn area when there is one, else the districts; once. */
  private frame(): void {
    if (this.framed) return;
    if (this.corners.length > 0) this.fitCorners();
    else if (this.districts !== null) this.framed = frameDistricts(this.map, this.districts);
  }

  private fitCorners(): void {
    const bounds = cornerBounds(this.corners);
    if (bounds === null) return;
    this.map.fitBounds(bounds, { padding: 48, maxZoom: 15, animate: false });
    this.framed = true;
  }

  private inView(corners: readonly Corner[]): boolean {
    const view = this.map.getBounds();
    return corners.every((corner) => view.contains(lonLat(corner)));
  }
}

function lonLat(corner: Corner): [number, number] {
  return [corner[1], corner[0]];
}

/** The shape drawn so far: an open line while drawing, a closed polygon once finished. */
function shapeFeatures(corners: readonly Corner[], drawing: boolean): GeoJSON.FeatureCollection {
  const first = corners[0];
  if (first === undefined || corners.length < 2) return emptyCollection();
  const line = corners.map(lonLat);
  const features: GeoJSON.Feature[] = [];
  if (corners.length >= 3) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[...line, lonLat(first)]] },
      properties: {},
    });
  }
  features.push({
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: drawing ? line : [...line, lonLat(first)] },
    properties: {},
  });
  return { type: 'FeatureCollection', features };
}

function cornerFeatures(corners: readonly Corner[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: corners.map((corner, index) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: lonLat(corner) },
      properties: { index },
    })),
  };
}

function cornerBounds(corners: readonly Corner[]): LngLatBoundsLike | null {
  if (corners.length === 0) return null;
  const lats = corners.map((corner) => corner[0]);
  const lons = corners.map((corner) => corner[1]);
  return [
    [Math.min(...lons), Math.min(...lats)],
    [Math.max(...lons), Math.max(...lats)],
  ];
}
