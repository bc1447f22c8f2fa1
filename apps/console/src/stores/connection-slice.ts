import type { StateCreator } from 'zustand';
import type { ConnectionStatus, LiveStatus } from '../live/live-client.ts';
import type { ConsoleState } from './console-store.ts';

/** The live connection as the header shows it, and how far the console has read the journal. */
export interface ConnectionSlice {
  connectionStatus: ConnectionStatus;
  /** When the connection was lost, while it is reconnecting or offline. */
  offlineSince: Date | null;
  /** Sequence of the last journal entry the console shows, null before the first snapshot. */
  lastAppliedSeq: number | null;
  setConnectionStatus(status: LiveStatus): void;
}

/** Builds the connection slice. */
export const createConnectionSlice: StateCreator<ConsoleState, [], [], ConnectionSlice> = (
  set,
) => ({
  connectionStatus: 'connecting',
  offlineSince: null,
  lastAppliedSeq: null,
  setConnectionStatus: (status) =>
    set({
      connectionStatus: status.status,
      offlineSince:
        status.status === 'live' || status.status === 'connecting' ? null : status.since,
    }),
});
