import type { Handover, PublicMessage } from '@vaka/domain';

/** A handover as the server answers it, a draft by `tib` unless overridden: for tests. */
export function buildHandover(overrides: Partial<Handover> = {}): Handover {
  return {
    id: '7b0c9a52-3f1e-4a8e-9d7c-2a6f0e1b4c30',
    status: 'draft',
    picture: {
      gatheredAt: '2026-11-22T06:00:00.000Z',
      readiness: { level: 'normal' },
      incidents: [],
      escalations: [],
      messagesValid: [],
      messagesPending: [],
      plannedEvents: [],
    },
    notes: '',
    createdBy: 'tib',
    createdAt: '2026-11-22T06:00:00.000Z',
    updatedAt: '2026-11-22T06:00:00.000Z',
    ...overrides,
  };
}

/** A public message with a headline per language given: for tests. */
export function buildMessage(
  headlines: Partial<Record<'sv' | 'en' | 'fi', string>>,
): PublicMessage {
  return {
    id: 'c1d7a7b2-9a43-4c52-8a0e-5b3f5f1f8e11',
    version: 1,
    status: 'published',
    category: 'utility_water',
    urgency: 'Immediate',
    severity: 'Moderate',
    certainty: 'Observed',
    area: { description: 'Södermalm', districtIds: ['sodermalm'] },
    effective: '2026-11-22T06:00:00.000Z',
    expires: '2026-11-22T18:00:00.000Z',
    issuer: 'Stockholms stad',
    exercise: false,
    variants: Object.entries(headlines).map(([language, headline]) => ({
      language: language as 'sv' | 'en' | 'fi',
      headline,
      description: headline,
      instruction: '',
      sms: headline,
      push: headline,
      social: headline,
    })),
    author: 'kib',
    createdAt: '2026-11-22T06:00:00.000Z',
    updatedAt: '2026-11-22T06:00:00.000Z',
  };
}
