import { describe, expect, it } from 'vitest';
import type { DistrictCollection, DistrictFeature } from '../contracts/district.ts';
import { districtAt } from './districts.ts';

type Ring = Array<[number, number]>;

/** A closed ring around a box, [lon, lat] corners, counter-clockwise. */
function box(west: number, south: number, east: number, north: number): Ring {
  return [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ];
}

function polygon(id: string, name: string, ...rings: Ring[]): DistrictFeature {
  return {
    type: 'Feature',
    properties: { id, name },
    geometry: { type: 'Polygon', coordinates: rings },
  };
}

const at = (lat: number, lon: number) => ({ coordinates: { lat, lon } });

// A made-up city: a central island district with a lake in it, a district east of it, and an
// archipelago district of two islands apart.
const city: DistrictCollection = {
  type: 'FeatureCollection',
  features: [
    polygon('centre', 'Centre', box(18.0, 59.3, 18.1, 59.4), box(18.04, 59.34, 18.06, 59.36)),
    polygon('east', 'East', box(18.1, 59.3, 18.2, 59.4)),
    {
      type: 'Feature',
      properties: { id: 'islands', name: 'Islands' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[box(18.3, 59.3, 18.32, 59.32)], [box(18.4, 59.35, 18.42, 59.37)]],
      },
    },
  ],
};

describe('districtAt', () => {
  it('names the district a place lies in', () => {
    expect(districtAt(city, at(59.31, 18.02))).toEqual({ id: 'centre', name: 'Centre' });
    expect(districtAt(city, at(59.38, 18.15))).toEqual({ id: 'east', name: 'East' });
  });

  it('finds no district for a place outside them all', () => {
    expect(districtAt(city, at(59.5, 18.05))).toBeUndefined();
    expect(districtAt(city, at(59.31, 18.25))).toBeUndefined();
  });

  it('leaves out a hole: a place in the lake is in no district', () => {
    expect(districtAt(city, at(59.35, 18.05))).toBeUndefined();
    expect(districtAt(city, at(59.35, 18.07))).toEqual({ id: 'centre', name: 'Centre' });
  });

  it('finds a place on any part of a district made of several polygons', () => {
    expect(districtAt(city, at(59.31, 18.31))).toEqual({ id: 'islands', name: 'Islands' });
    expect(districtAt(city, at(59.36, 18.41))).toEqual({ id: 'islands', name: 'Islands' });
    expect(districtAt(city, at(59.34, 18.36))).toBeUndefined();
  });

  it('gives a place on a shared border to the first district that has it', () => {
    expect(districtAt(city, at(59.35, 18.1))).toEqual({ id: 'centre', name: 'Centre' });
  });

  it('finds no district for a place known only by its address', () => {
    expect(districtAt(city, { address: 'Stadshuset' })).toBeUndefined();
  });

  it('finds no district when the city has none', () => {
    expect(districtAt({ type: 'FeatureCollection', features: [] }, at(59.31, 18.02))).toBe(
      undefined,
    );
  });
});
