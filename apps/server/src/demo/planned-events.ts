import type { FastifyInstance } from 'fastify';
import type { CreatePlannedEvent, Location } from '@vaka/domain';
import { listOpenIncidents, listUnits } from '@vaka/db';
import { createPlannedEvent } from '../modules/planned-events/service.ts';
import { changeIncident } from '../modules/incidents/service.ts';

interface DemoPlannedEvent {
  /** The day, counted from today in the city, and the wall-clock times it starts and ends. */
  day: number;
  starts: string;
  ends: string;
  event: Omit<CreatePlannedEvent, 'startsAt' | 'endsAt' | 'responsibleUnitIds'>;
  /** The demo units that answer for it, by name. */
  units: string[];
  /** The demo incident, by title, that belongs to it. */
  incidentTitle?: string;
}

const at = (address: string, lat: number, lon: number): Location => ({
  address,
  coordinates: { lat, lon },
});

/** Known events of Stockholm's coming days; times are the city's wall clock. */
const DEMO_PLANNED_EVENTS: DemoPlannedEvent[] = [
  {
    day: 1,
    starts: '09:00',
    ends: '13:00',
    event: {
      title: 'State visit from Finland: motorcade to the Royal Palace',
      kind: 'state_visit',
      location: at('Kungliga slottet, Stockholm', 59.3268, 18.0717),
      expectedCrowd: 2_000,
      notes:
        'Motorcade from Arlanda via Strandvägen and Skeppsbron; both closed 09:00–13:00. Welcome ceremony in the outer courtyard at 10:30.',
    },
    units: ['Polisen samverkan', 'Trafikkontoret'],
    incidentTitle: 'State visit: motorcade route closures tomorrow',
  },
  {
    day: 1,
    starts: '19:00',
    ends: '21:30',
    event: {
      title: 'Football derby Hammarby–AIK',
      kind: 'sports',
      location: at('Tele2 Arena, Arenaslingan 14, Johanneshov', 59.2906, 18.0844),
      expectedCrowd: 30_000,
      notes:
        'Supporter march from Medborgarplatsen at 16:30. Extra metro trains to Globen; Nynäsvägen closed after the final whistle.',
    },
    units: ['Polisen samverkan', 'Trafikkontoret'],
  },
  {
    day: 2,
    starts: '13:00',
    ends: '16:00',
    event: {
      title: 'Demonstration at Sergels torg',
      kind: 'demonstration',
      location: at('Sergels torg, Stockholm', 59.3324, 18.0649),
      expectedCrowd: 3_000,
      notes: 'Permitted; march to Mynttorget at 14:30. A counter-demonstration has been announced.',
    },
    units: ['Polisen samverkan'],
  },
  {
    day: 3,
    starts: '12:00',
    ends: '23:00',
    event: {
      title: 'Food and music festival in Kungsträdgården',
      kind: 'festival',
      location: at('Kungsträdgården, Stockholm', 59.331, 18.0716),
      expectedCrowd: 15_000,
      notes:
        'Stages at both ends of the park; gas cylinders at the food stalls inspected on Friday.',
    },
    units: ['Storstockholms brandförsvar', 'Trafikkontoret'],
  },
];

/**
 * Seeds the demo calendar of the coming days and links the demo incident that belongs to one of
 * its events; returns how many events were added.
 */
export async function seedDemoPlannedEvents(app: FastifyInstance, now: Date): Promise<number> {
  const unitIds = new Map(
    (await listUnits(app.database.db, { includeArchived: false })).map((unit) => [
      unit.name,
      unit.id,
    ]),
  );
  const incidents = await listOpenIncidents(app.database.db);
  for (const demo of DEMO_PLANNED_EVENTS) {
    const created = await createPlannedEvent(
      app.database,
      app.districts,
      {
        ...demo.event,
        startsAt: cityTime(now, demo.day, demo.starts, app.city.timeZone).toISOString(),
        endsAt: cityTime(now, demo.day, demo.ends, app.city.timeZone).toISOString(),
        responsibleUnitIds: demo.units.flatMap((name) => unitIds.get(name) ?? []),
      },
      'demo',
    );
    app.liveHub.committed([created]);
    const incident = incidents.find((candidate) => candidate.title === demo.incidentTitle);
    if (incident) {
      const linked = await changeIncident(
        app.database,
        incident.id,
        { plannedEventId: created.data.event.id },
        { actor: 'demo', reason: 'demo data' },
      );
      app.liveHub.committed([linked]);
    }
  }
  return DEMO_PLANNED_EVENTS.length;
}

/**
 * The instant of a wall-clock time ("19:00") a number of days after today in a time zone.
 * NOTE: the offset is taken at noon of that day, so a time in the night of a daylight-saving
 * change may be an hour off; the demo's events are all in the daytime.
 */
function cityTime(now: Date, days: number, time: string, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const noon = Date.UTC(part('year'), part('month') - 1, part('day') + days, 12);
  const wallAtNoon = new Date(noon).toLocaleString('sv-SE', { timeZone });
  const offset = Date.parse(`${wallAtNoon.replace(' ', 'T')}Z`) - noon;
  return new Date(
    Date.UTC(part('year'), part('month') - 1, part('day') + days, hour, minute) - offset,
  );
}
