import type { Location } from '@vaka/domain';

/** The address, or the coordinates when there is no address. */
export function formatLocation(location: Location): string {
  if (location.address !== undefined) return location.address;
  if (location.coordinates !== undefined) {
    const { lat, lon } = location.coordinates;
    return `${lat.toFixed(5)}, ${lon.toFixed(5)}`;
  }
  return '';
}
