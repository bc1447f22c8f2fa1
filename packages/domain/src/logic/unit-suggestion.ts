import type { Incident } from '../contracts/incident.ts';
import type { Unit } from '../contracts/unit.ts';

/** Why a unit is offered for an incident. */
export type UnitSuggestionReason =
  { kind: 'category' } | { kind: 'district'; district: string } | { kind: 'whole_city' };

export interface UnitSuggestion {
  unit: Unit;
  reasons: UnitSuggestionReason[];
}

/**
 * The units that answer for an incident's category where it happened, most fitting first: a unit
 * for the incident's own district before one for the whole city, a specialised unit (fewer
 * categories) before a general one, then by name. Archived units are never offered.
 */
export function suggestUnits(
  incident: Pick<Incident, 'category' | 'district'>,
  units: Iterable<Unit>,
): UnitSuggestion[] {
  const ranked: Array<UnitSuggestion & { local: boolean }> = [];
  for (const unit of units) {
    if (unit.archivedAt !== undefined || !unit.categories.includes(incident.category)) continue;
    const wholeCity = unit.districtIds.length === 0;
    const local =
      incident.district !== undefined && unit.districtIds.includes(incident.district.id);
    if (!wholeCity && !local) continue;
    ranked.push({
      unit,
      local,
      reasons: [
        { kind: 'category' },
        local && incident.district !== undefined
          ? { kind: 'district', district: incident.district.name }
          : { kind: 'whole_city' },
      ],
    });
  }
  return ranked
    .sort(
      (a, b) =>
        Number(b.local) - Number(a.local) ||
        a.unit.categories.length - b.unit.categories.length ||
        a.unit.name.localeCompare(b.unit.name),
    )
    .map(({ unit, reasons }) => ({ unit, reasons }));
}
