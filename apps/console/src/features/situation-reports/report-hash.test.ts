import { describe, expect, it } from 'vitest';
import {
  editSituationReportHref,
  newSituationReportHref,
  situationReportHref,
  situationReportRouteFromHash,
  situationReportsHref,
} from './report-hash.ts';

const ID = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99';

describe('situation report addresses', () => {
  it('opens the list, a new draft, a report and a draft’s editor from their own addresses', () => {
    expect(situationReportRouteFromHash(situationReportsHref())).toEqual({ kind: 'list' });
    expect(situationReportRouteFromHash(newSituationReportHref())).toEqual({ kind: 'new' });
    expect(situationReportRouteFromHash(situationReportHref(ID))).toEqual({
      kind: 'report',
      reportId: ID,
    });
    expect(situationReportRouteFromHash(editSituationReportHref(ID.toUpperCase()))).toEqual({
      kind: 'edit',
      reportId: ID,
    });
  });

  it('opens the list for an address it does not know', () => {
    expect(situationReportRouteFromHash('#/situation-reports/42')).toEqual({ kind: 'list' });
    expect(situationReportRouteFromHash(`#/situation-reports/${ID}/print`)).toEqual({
      kind: 'list',
    });
  });
});
