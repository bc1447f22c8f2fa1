import type { SituationReport } from '@vaka/domain';

let reportCounter = 0;

/** Builds a draft situation report in Swedish; every call gets a new id. */
export function buildSituationReport(overrides: Partial<SituationReport> = {}): SituationReport {
  reportCounter += 1;
  return {
    id: `30000000-0000-4000-8000-${String(reportCounter).padStart(12, '0')}`,
    status: 'draft',
    version: 1,
    language: 'sv',
    periodFrom: '2026-11-21T09:00:00.000Z',
    periodTo: '2026-11-22T09:00:00.000Z',
    content: {
      situation: '',
      consequences: '',
      actions: '',
      communication: '',
      needs: '',
      outlook: '',
    },
    createdBy: 'tib',
    createdAt: '2026-11-22T09:00:00.000Z',
    updatedAt: '2026-11-22T09:00:00.000Z',
    ...overrides,
  };
}
