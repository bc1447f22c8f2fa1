import { describe, expect, it } from 'vitest';
import type { SituationReport } from '@vaka/domain';
import { mergeDraft } from '../admin/draft-merge.ts';
import { nextReportProblem, reportChanges, toReportForm } from './report-form.ts';
import { buildSituationReport } from './situation-report-factory.ts';

const STOCKHOLM = 'Europe/Stockholm';

function stored(overrides: Partial<SituationReport['content']> = {}): SituationReport {
  return buildSituationReport({
    content: {
      situation: 'Storm över Stockholm sedan i natt.',
      consequences: 'Träd över vägar i Bromma.',
      actions: 'Räddningstjänsten röjer.',
      communication: 'Varning publicerad 06:10.',
      needs: '',
      outlook: 'Vinden avtar under eftermiddagen.',
      nextReportAt: '2026-11-22T13:00:00.000Z',
      ...overrides,
    },
  });
}

describe('the situation report form', () => {
  it('shows the next report’s time as the city’s clock reads it', () => {
    expect(toReportForm(stored(), STOCKHOLM).nextReportAt).toBe('2026-11-22T14:00');
    expect(toReportForm(stored({ nextReportAt: undefined }), STOCKHOLM).nextReportAt).toBe('');
  });

  it('sends only the sections changed, and the time as an instant', () => {
    const base = stored();
    const form = {
      ...toReportForm(base, STOCKHOLM),
      situation: 'Stormen har mojnat.',
      nextReportAt: '2026-11-22T16:30',
    };
    expect(reportChanges(base, form, STOCKHOLM)).toEqual({
      situation: 'Stormen har mojnat.',
      nextReportAt: '2026-11-22T15:30:00.000Z',
    });
  });

  it('sends nothing when nothing changed, even when the stored time has seconds the field cannot show', () => {
    const base = stored({ nextReportAt: '2026-11-22T13:00:42.512Z' });
    expect(reportChanges(base, toReportForm(base, STOCKHOLM), STOCKHOLM)).toBeNull();
  });

  it('names a time that is not one, and a stored time emptied, which a change cannot take away', () => {
    const base = stored();
    const form = toReportForm(base, STOCKHOLM);
    expect(nextReportProblem(base, form, STOCKHOLM)).toBeNull();
    expect(nextReportProblem(base, { ...form, nextReportAt: '2026-02-30T10:00' }, STOCKHOLM)).toBe(
      'unreadable',
    );
    expect(nextReportProblem(base, { ...form, nextReportAt: '' }, STOCKHOLM)).toBe('removed');
    const withoutTime = stored({ nextReportAt: undefined });
    expect(
      nextReportProblem(withoutTime, toReportForm(withoutTime, STOCKHOLM), STOCKHOLM),
    ).toBeNull();
  });

  it('after someone else saved, keeps the sections typed here and takes theirs of the others', () => {
    const base = stored();
    const mine = { ...toReportForm(base, STOCKHOLM), situation: 'Stormen har mojnat.' };
    const theirs = toReportForm(
      stored({ needs: 'Fler röjningslag behövs.', situation: 'Stormen fortsätter.' }),
      STOCKHOLM,
    );
    const { draft, bothChanged } = mergeDraft(toReportForm(base, STOCKHOLM), mine, theirs);
    expect(draft.situation).toBe('Stormen har mojnat.');
    expect(draft.needs).toBe('Fler röjningslag behövs.');
    expect(bothChanged).toEqual(['situation']);
  });
});
