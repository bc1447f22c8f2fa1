import { useMemo } from 'react';
import { suggestDuplicates, type DuplicateSuggestion, type Incident } from '@vaka/domain';
import { useConsoleStore } from '../../stores/console-store.ts';

/** The open incidents most like this one, likeliest first. */
export function useDuplicateSuggestions(incident: Incident): readonly DuplicateSuggestion[] {
  const incidents = useConsoleStore((state) => state.incidents);
  return useMemo(
    () =>
      suggestDuplicates(
        incident,
        [...incidents.values()].filter((other) => other.id !== incident.id),
      ),
    [incident, incidents],
  );
}
