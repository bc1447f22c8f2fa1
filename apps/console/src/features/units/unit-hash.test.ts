import { describe, expect, it } from 'vitest';
import { unitHref, unitRouteFromHash } from './unit-hash.ts';

const UNIT = '0b7c1e2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d';

describe("a unit's address", () => {
  it('opens who is on call unless it names another view', () => {
    expect(unitHref(UNIT)).toBe(`#/units/${UNIT}`);
    expect(unitRouteFromHash(unitHref(UNIT))).toEqual({ unitId: UNIT, view: 'on-call' });
    expect(unitRouteFromHash(unitHref(UNIT, 'escalation-policies'))).toEqual({
      unitId: UNIT,
      view: 'escalation-policies',
    });
    expect(unitRouteFromHash(`#/units/${UNIT.toUpperCase()}/schedules`)).toEqual({
      unitId: UNIT,
      view: 'schedules',
    });
  });

  it('is the list of units for anything else', () => {
    expect(unitRouteFromHash('#/units')).toBeNull();
    expect(unitRouteFromHash(`#/units/${UNIT}/contacts`)).toBeNull();
    expect(unitRouteFromHash(`#/incidents/${UNIT}`)).toBeNull();
  });
});
