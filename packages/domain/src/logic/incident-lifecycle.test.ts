import { describe, expect, it } from 'vitest';
import { INCIDENT_STATUSES } from '../contracts/enums.ts';
import { allowedTransitions, transitionStatus } from './incident-lifecycle.ts';

describe('the incident lifecycle', () => {
  it('walks new → acknowledged → in progress → monitoring → closed, and reopens', () => {
    expect(transitionStatus('new', 'acknowledge')).toBe('acknowledged');
    expect(transitionStatus('acknowledged', 'start')).toBe('in_progress');
    expect(transitionStatus('in_progress', 'monitor')).toBe('monitoring');
    expect(transitionStatus('monitoring', 'close')).toBe('closed');
    expect(transitionStatus('closed', 'reopen')).toBe('acknowledged');
  });

  it('refuses what makes no sense', () => {
    expect(transitionStatus('closed', 'close')).toBeUndefined();
    expect(transitionStatus('in_progress', 'acknowledge')).toBeUndefined();
    expect(transitionStatus('new', 'reopen')).toBeUndefined();
  });

  it('offers from each status exactly the transitions it allows, and a closed incident only reopens', () => {
    for (const status of INCIDENT_STATUSES) {
      for (const transition of allowedTransitions(status)) {
        expect(transitionStatus(status, transition)).toBeDefined();
      }
    }
    expect(allowedTransitions('closed')).toEqual(['reopen']);
    expect(allowedTransitions('new')).toEqual(['acknowledge', 'start', 'close']);
  });
});
