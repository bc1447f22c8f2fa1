import { useMemo } from 'react';
import { suggestDuplicates, type DuplicateSuggestion } from '@vaka/domain';
import { useConsoleStore } from '../../stores/console-store.ts';
import { DRAFT_INCIDENT_ID, draftIncident, type ReportDraft } from './report-draft.ts';

/** How many open incidents the form offers at most: a short list to choose from by keyboard. */
const SHOWN = 3;

/**
 * The open incidents that the report being typed most likely repeats, likeliest first, with why;
 * none until a title or an address is typed.
 */
export function useDraftSuggestions(
  draft: Pick<ReportDraft, 'title' | 'category' | 'severity' | 'address' | 'description'>,
): readonly DuplicateSuggestion[] {
  const incidents = useConsoleStore((state) => state.incidents);
  const { title, category, severity, address, description } = draft;
  return useMemo(() => {
    if (title.trim() === '' && address.trim() === '') return [];
    return suggestDuplicates(
      draftIncident({ title, category, severity, address }, new Date()),
      incidents.values(),
      { limit: SHOWN, texts: new Map([[DRAFT_INCIDENT_ID, description]]) },
    );
  }, [title, category, severity, address, description, incidents]);
}
