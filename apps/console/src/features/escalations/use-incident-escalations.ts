import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  Escalation,
  EscalationSuggestion,
  HiddenJournalEntry,
  JournalEntry,
} from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiFailure } from '../../lib/api.ts';
import { readIncidentEscalations } from './escalations-api.ts';
import { lastEscalationSeq, withLiveStates } from './incident-escalations.ts';

/** An incident's escalations as the pane shows them. */
export interface IncidentEscalationsView {
  /** Newest first; empty until the first answer. */
  readonly escalations: readonly Escalation[];
  readonly suggestions: readonly EscalationSuggestion[];
  /** The first answer has arrived. */
  readonly loaded: boolean;
  /** Why the last request failed, until one succeeds. */
  readonly failure: ApiFailure | null;
  /** Asks the server again now. */
  readonly reload: () => void;
}

interface Answer {
  readonly incidentId: string;
  /** The incident's newest escalation entry when the request went out. */
  readonly asOfSeq: number;
  readonly escalations: readonly Escalation[];
  readonly suggestions: readonly EscalationSuggestion[];
  readonly failure: ApiFailure | null;
}

/**
 * Reads an incident's escalations and the units to suggest, and reads them again whenever a live
 * entry about one of them arrives (by the incident's journal in `entries`); meanwhile the state
 * such an entry carries is shown at once.
 */
export function useIncidentEscalations(
  incidentId: string,
  entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>,
): IncidentEscalationsView {
  const { api } = useAppServices();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [version, setVersion] = useState(0);
  const latestRequest = useRef(0);
  const liveSeq = lastEscalationSeq(entries, incidentId);

  useEffect(() => {
    latestRequest.current += 1;
    const request = latestRequest.current;
    void readIncidentEscalations(api, incidentId).then((result) => {
      // An older answer never replaces a newer one, nor one for another incident.
      if (request !== latestRequest.current) return;
      setAnswer((previous) =>
        result.outcome === 'ok'
          ? { incidentId, asOfSeq: liveSeq, ...result.body, failure: null }
          : {
              incidentId,
              asOfSeq: previous?.incidentId === incidentId ? previous.asOfSeq : 0,
              escalations: previous?.incidentId === incidentId ? previous.escalations : [],
              suggestions: previous?.incidentId === incidentId ? previous.suggestions : [],
              failure: result,
            },
      );
    });
  }, [api, incidentId, liveSeq, version]);

  const reload = useCallback(() => setVersion((previous) => previous + 1), []);
  const own = answer?.incidentId === incidentId ? answer : null;
  const escalations = useMemo(
    () => withLiveStates(own?.escalations ?? [], entries, incidentId, own?.asOfSeq ?? 0),
    [own?.escalations, own?.asOfSeq, entries, incidentId],
  );

  return {
    escalations,
    suggestions: own?.suggestions ?? [],
    loaded: own !== null && (own.failure === null || own.escalations.length > 0),
    failure: own?.failure ?? null,
    reload,
  };
}
