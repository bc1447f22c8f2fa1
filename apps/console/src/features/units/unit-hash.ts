import { useEffect, useRef } from 'react';
import { Section, sectionHref } from '../navigation/sections.ts';
import { useLocationHash } from '../navigation/use-location-hash.ts';

/** The views of one unit, each at its own address under the unit's. */
export const UnitView = {
  onCall: 'on-call',
  schedules: 'schedules',
  escalationPolicies: 'escalation-policies',
} as const;
export type UnitView = (typeof UnitView)[keyof typeof UnitView];
export const UNIT_VIEWS: readonly UnitView[] = Object.values(UnitView);

const UNIT_HASH = /^#\/?units\/([0-9a-f-]{36})(?:\/(on-call|schedules|escalation-policies))?\/?$/i;

/** The address of a unit's view; who is on call unless another view is named. */
export function unitHref(unitId: string, view: UnitView = UnitView.onCall): string {
  const unit = `${sectionHref(Section.units)}/${unitId}`;
  return view === UnitView.onCall ? unit : `${unit}/${view}`;
}

/** The unit and view an address names, or null for the list of units. */
export function unitRouteFromHash(hash: string): { unitId: string; view: UnitView } | null {
  const match = UNIT_HASH.exec(hash);
  const unitId = match?.[1];
  if (unitId === undefined) return null;
  return {
    unitId: unitId.toLowerCase(),
    view: (match?.[2] as UnitView | undefined) ?? UnitView.onCall,
  };
}

/**
 * The unit the address opens, if any. Back on the list, the focus returns to the link of the
 * unit that was open, so the person goes on from where they left.
 */
export function useUnitRoute(): { unitId: string; view: UnitView } | null {
  const route = unitRouteFromHash(useLocationHash());
  const unitId = route?.unitId ?? null;
  const lastOpen = useRef<string | null>(null);
  useEffect(() => {
    if (unitId !== null) {
      lastOpen.current = unitId;
      return;
    }
    const left = lastOpen.current;
    lastOpen.current = null;
    if (left === null) return;
    document.querySelector<HTMLElement>(`[data-unit-link="${CSS.escape(left)}"]`)?.focus();
  }, [unitId]);
  return route;
}
