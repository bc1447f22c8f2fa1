import type { StateCreator } from 'zustand';
import {
  applyEscalations,
  type Escalation,
  type EscalationMap,
  type HiddenJournalEntry,
  type JournalEntry,
} from '@vaka/domain';
import {
  alarmsOfSnapshot,
  applyAlarmEntries,
  type EscalationAlarm,
} from '../features/escalations/escalation-alarm.ts';
import type { ConsoleState } from './console-store.ts';

/** The escalations awaiting acknowledgement, and the alarms about them. */
export interface EscalationsSlice {
  /** Escalations still waiting for someone to take the case (active or run out), by id. */
  awaitingEscalations: EscalationMap;
  /** What the duty officer must act on, newest first, until dismissed. */
  escalationAlarms: readonly EscalationAlarm[];
  /** Alarms dismissed on this console, so a resync does not raise them again. */
  dismissedAlarms: ReadonlySet<string>;
  /** Takes the awaiting escalations from a snapshot (at start and after a resync). */
  loadEscalations(escalations: readonly Escalation[]): void;
  /** Follows escalations in a batch of journal entries. */
  applyEscalationEntries(entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>): void;
  /** The duty officer has seen an alarm. */
  dismissEscalationAlarm(alarmId: string): void;
  /** Forgets the escalations and alarms, when nobody who may see them is signed in. */
  clearEscalations(): void;
}

/** Builds the escalations slice. */
export const createEscalationsSlice: StateCreator<ConsoleState, [], [], EscalationsSlice> = (
  set,
) => ({
  awaitingEscalations: new Map(),
  escalationAlarms: [],
  dismissedAlarms: new Set(),
  loadEscalations: (escalations) =>
    set((state) => ({
      awaitingEscalations: new Map(escalations.map((escalation) => [escalation.id, escalation])),
      escalationAlarms: alarmsOfSnapshot(
        { alarms: state.escalationAlarms, dismissed: state.dismissedAlarms },
        escalations,
      ),
    })),
  applyEscalationEntries: (entries) =>
    set((state) => {
      const awaitingEscalations = applyEscalations(state.awaitingEscalations, entries);
      const escalationAlarms = applyAlarmEntries(
        { alarms: state.escalationAlarms, dismissed: state.dismissedAlarms },
        entries,
      );
      if (
        awaitingEscalations === state.awaitingEscalations &&
        escalationAlarms === state.escalationAlarms
      ) {
        return state;
      }
      return { awaitingEscalations, escalationAlarms };
    }),
  dismissEscalationAlarm: (alarmId) =>
    set((state) => ({
      escalationAlarms: state.escalationAlarms.filter((alarm) => alarm.id !== alarmId),
      dismissedAlarms: new Set([...state.dismissedAlarms, alarmId]),
    })),
  clearEscalations: () =>
    set({ awaitingEscalations: new Map(), escalationAlarms: [], dismissedAlarms: new Set() }),
});
