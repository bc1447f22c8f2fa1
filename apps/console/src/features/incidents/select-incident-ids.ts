import { sortIncidentsNewestFirst, type IncidentMap } from '@vaka/domain';
import type { ConsoleState } from '../../stores/console-store.ts';

let sortedFor: IncidentMap | undefined;
let sortedIds: string[] = [];

/**
 * Ids of the open incidents, newest first. Sorted once per incidents map, however many components
 * and store updates ask.
 */
export function selectIncidentIdsNewestFirst(state: ConsoleState): string[] {
  if (state.incidents !== sortedFor) {
    sortedFor = state.incidents;
    sortedIds = sortIncidentsNewestFirst(state.incidents.values()).map((incident) => incident.id);
  }
  return sortedIds;
}
