import type { CreateReport, Incident } from '@vaka/domain';

let counter = 0;

/** A valid report as a partner or the phone form would send it; override what the test is about. */
export function buildReport(overrides: Partial<CreateReport> = {}): CreateReport {
  counter += 1;
  return {
    title: `Water on the road, report ${counter}`,
    description: 'Water is coming up through the asphalt.',
    category: 'utility_water',
    severity: 'moderate',
    location: { address: 'Götgatan 78, Stockholm', coordinates: { lat: 59.3105, lon: 18.0763 } },
    observedAt: '2026-11-22T08:15:00.000Z',
    source: { channel: 'phone' },
    reporter: { name: 'Anna Lind', phone: '+46 70 123 45 67' },
    ...overrides,
  };
}

/** An open incident as the journal and the console carry it. */
export function buildIncident(overrides: Partial<Incident> = {}): Incident {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    title: `Fire in a stairwell, incident ${counter}`,
    category: 'fire',
    severity: 'serious',
    status: 'new',
    location: { address: 'Vällingby centrum' },
    openedAt: '2026-11-22T08:00:00.000Z',
    updatedAt: '2026-11-22T08:00:00.000Z',
    reportCount: 1,
    ...overrides,
  };
}
