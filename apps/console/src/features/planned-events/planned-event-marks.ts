import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import type { Coordinates } from '@vaka/domain';
import './planned-events.css';

/** A planned event as the map marks it: where, and the words beside the mark. */
export interface PlannedEventMark {
  readonly id: string;
  readonly coordinates: Coordinates;
  /** The event's name and time, e.g. "Football derby, 19:00". */
  readonly label: string;
}

/**
 * Planned events on a map as diamonds with their name and time beside them — a shape of their
 * own, so they are never taken for incidents, which are circles. They are page text over the map
 * (the districts-only map has no fonts), hidden from screen readers: the calendar lists them.
 */
export class PlannedEventMarks {
  private readonly map: MapLibreMap;
  private markers: Marker[] = [];

  constructor(map: MapLibreMap) {
    this.map = map;
  }

  /** Marks these events, replacing the marks shown before. */
  place(marks: readonly PlannedEventMark[]): void {
    this.remove();
    this.markers = marks.map((mark) => {
      const element = document.createElement('div');
      element.className = 'planned-event-marker';
      element.dataset['plannedEventId'] = mark.id;
      element.setAttribute('aria-hidden', 'true');
      const shape = document.createElement('span');
      shape.className = 'planned-event-marker__shape';
      const label = document.createElement('span');
      label.className = 'planned-event-marker__label';
      label.textContent = mark.label;
      element.append(shape, label);
      return new Marker({ element, anchor: 'left', offset: [-8, 0] })
        .setLngLat([mark.coordinates.lon, mark.coordinates.lat])
        .addTo(this.map);
    });
  }

  /** How many events are marked. */
  count(): number {
    return this.markers.length;
  }

  remove(): void {
    for (const marker of this.markers) marker.remove();
    this.markers = [];
  }
}
