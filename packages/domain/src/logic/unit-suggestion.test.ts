import { describe, expect, it } from 'vitest';
import type { Unit } from '../contracts/unit.ts';
import { suggestUnits } from './unit-suggestion.ts';

let serial = 0;

function buildUnit(overrides: Partial<Unit>): Unit {
  serial += 1;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    name: `Unit ${serial}`,
    categories: ['fire'],
    districtIds: [],
    timeZone: 'Europe/Stockholm',
    contacts: [],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

const sodermalm = { id: 'sodermalm', name: 'Södermalm' };
const names = (incident: Parameters<typeof suggestUnits>[0], units: Unit[]) =>
  suggestUnits(incident, units).map((suggestion) => suggestion.unit.name);

describe('suggestUnits', () => {
  it('offers the units for the category, the district’s own before the whole city’s', () => {
    const units = [
      buildUnit({ name: 'City water', categories: ['utility_water'] }),
      buildUnit({ name: 'Söder water', categories: ['utility_water'], districtIds: ['sodermalm'] }),
      buildUnit({ name: 'Rescue service', categories: ['fire'] }),
    ];
    const suggestions = suggestUnits({ category: 'utility_water', district: sodermalm }, units);
    expect(suggestions.map((suggestion) => suggestion.unit.name)).toEqual([
      'Söder water',
      'City water',
    ]);
    expect(suggestions.map((suggestion) => suggestion.reasons)).toEqual([
      [{ kind: 'category' }, { kind: 'district', district: 'Södermalm' }],
      [{ kind: 'category' }, { kind: 'whole_city' }],
    ]);
  });

  it('leaves out units of other districts, and archived units', () => {
    const units = [
      buildUnit({ name: 'Järva fire', districtIds: ['jarva'] }),
      buildUnit({ name: 'Old fire brigade', archivedAt: '2026-11-02T00:00:00.000Z' }),
      buildUnit({ name: 'Rescue service' }),
    ];
    expect(names({ category: 'fire', district: sodermalm }, units)).toEqual(['Rescue service']);
  });

  it('offers only units for the whole city when the incident has no district', () => {
    const units = [
      buildUnit({ name: 'Söder fire', districtIds: ['sodermalm'] }),
      buildUnit({ name: 'Rescue service' }),
    ];
    expect(names({ category: 'fire' }, units)).toEqual(['Rescue service']);
  });

  it('puts a specialised unit before a general one, then orders by name', () => {
    const units = [
      buildUnit({ name: 'Duty desk', categories: ['fire', 'flooding', 'transport'] }),
      buildUnit({ name: 'Rescue service B', categories: ['fire'] }),
      buildUnit({ name: 'Rescue service A', categories: ['fire'] }),
    ];
    expect(names({ category: 'fire' }, units)).toEqual([
      'Rescue service A',
      'Rescue service B',
      'Duty desk',
    ]);
  });

  it('offers nobody when no unit answers for the category', () => {
    expect(names({ category: 'cbrn_terror' }, [buildUnit({ categories: ['fire'] })])).toEqual([]);
  });
});
