import { describe, expect, it } from 'vitest';
import { offeredReportActions, orderReports } from './report-actions.ts';
import { buildSituationReport } from './situation-report-factory.ts';

const dutyOfficer = { mayWrite: true, mayApprove: false, username: 'tib' };
const leadership = { mayWrite: false, mayApprove: true, username: 'chef' };
const written = {
  situation: 'Storm över Stockholm.',
  consequences: '',
  actions: '',
  communication: '',
  needs: '',
  outlook: '',
};

describe('what a situation report’s page offers', () => {
  it('offers a draft to the duty officer to edit and to leadership to approve', () => {
    const draft = buildSituationReport({ createdBy: 'tib', content: written });
    expect(offeredReportActions(draft, dutyOfficer)).toEqual([{ action: 'edit' }]);
    expect(offeredReportActions(draft, leadership)).toEqual([{ action: 'approve' }]);
  });

  it('shows the approval disabled, with why, to the person who wrote the draft', () => {
    const own = buildSituationReport({ createdBy: 'chef', content: written });
    expect(offeredReportActions(own, { ...leadership, mayWrite: true })).toEqual([
      { action: 'edit' },
      { action: 'approve', refusal: 'own_report' },
    ]);
  });

  it('shows the approval disabled, with why, while the situation section is empty', () => {
    const empty = buildSituationReport({
      createdBy: 'tib',
      content: { ...written, situation: '  ' },
    });
    expect(offeredReportActions(empty, leadership)).toEqual([
      { action: 'approve', refusal: 'empty_situation' },
    ]);
  });

  it('offers an approved report only a correction, and only to the duty officer', () => {
    const approved = buildSituationReport({
      status: 'approved',
      number: 3,
      approvedBy: 'chef',
      approvedAt: '2026-11-22T10:00:00.000Z',
    });
    expect(offeredReportActions(approved, dutyOfficer)).toEqual([{ action: 'correct' }]);
    expect(offeredReportActions(approved, leadership)).toEqual([]);
  });
});

describe('the order of the list', () => {
  it('lists drafts first, the latest changed first, then approved reports by number and version, newest first', () => {
    const approved = (number: number, version: number) =>
      buildSituationReport({ status: 'approved', number, version });
    const oldDraft = buildSituationReport({ updatedAt: '2026-11-22T08:00:00.000Z' });
    const newDraft = buildSituationReport({ updatedAt: '2026-11-22T11:00:00.000Z' });
    const one = approved(1, 1);
    const twoFirst = approved(2, 1);
    const twoCorrected = approved(2, 2);
    expect(orderReports([one, oldDraft, twoFirst, newDraft, twoCorrected])).toEqual([
      newDraft,
      oldDraft,
      twoCorrected,
      twoFirst,
      one,
    ]);
  });
});
