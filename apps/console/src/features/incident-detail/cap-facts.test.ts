import { describe, expect, it } from 'vitest';
import type { CapAlert } from '@vaka/domain';
import { capFacts } from './cap-facts.ts';

const info = (language: string, areas: number) =>
  ({
    language,
    areas: Array.from({ length: areas }, () => ({})),
  }) as unknown as CapAlert['infos'][number];

describe('capFacts', () => {
  it('says nothing of a report that did not come as a CAP alert', () => {
    expect(capFacts({})).toBeUndefined();
  });

  it('names the alert’s version, kind, status, sender, languages once each, areas and deviations', () => {
    const cap = {
      version: '1.1',
      msgType: 'Update',
      status: 'Actual',
      sender: 'opendata@dwd.de',
      infos: [info('de-DE', 2), info('en', 2), info('de-DE', 1)],
    } as unknown as CapAlert;
    expect(capFacts({ cap, deviations: ['CAP 1.1 namespace'] })).toEqual({
      version: '1.1',
      msgType: 'Update',
      status: 'Actual',
      sender: 'opendata@dwd.de',
      languages: ['de-DE', 'en'],
      areas: 5,
      deviations: ['CAP 1.1 namespace'],
    });
    expect(capFacts({ cap })?.deviations).toEqual([]);
  });
});
