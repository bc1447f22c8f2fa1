import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { DistrictCollection, DistrictRef } from '../contracts/district.ts';
import type { Location } from '../contracts/location.ts';

/**
 * The district a place lies in, by point-in-polygon on its coordinates; undefined without
 * coordinates or outside every district. A point on a shared border goes to the first district.
 */
export function districtAt(
  districts: DistrictCollection,
  location: Location,
): DistrictRef | undefined {
  const { coordinates } = location;
  if (!coordinates) return undefined;
  const point: [number, number] = [coordinates.lon, coordinates.lat];
  for (const feature of districts.features) {
    if (booleanPointInPolygon(point, feature.geometry)) {
      return { id: feature.properties.id, name: feature.properties.name };
    }
  }
  return undefined;
}
