import type { StateCreator } from 'zustand';
import { emptyDraft, type ReportDraft } from '../features/intake/report-draft.ts';
import type { ConsoleState } from './console-store.ts';

/**
 * The phone report being typed. It lives in the store rather than in the form so that a session
 * ending mid-call (the sign-in screen replaces the form) does not lose what the caller said.
 */
export interface IntakeSlice {
  reportDraft: ReportDraft;
  /** The user the draft belongs to; another person signing in starts with an empty form. */
  reportDraftOwnerId: string | null;
  updateReportDraft(update: (draft: ReportDraft) => ReportDraft): void;
}

/** Builds the intake slice. */
export const createIntakeSlice: StateCreator<ConsoleState, [], [], IntakeSlice> = (set) => ({
  reportDraft: emptyDraft(),
  reportDraftOwnerId: null,
  updateReportDraft: (update) =>
    set((state) => {
      const reportDraft = update(state.reportDraft);
      return reportDraft === state.reportDraft ? state : { reportDraft };
    }),
});
