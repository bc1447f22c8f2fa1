import type { FastifyInstance } from 'fastify';
import {
  IncidentStatus,
  type CreateReport,
  type CreateUnit,
  type Unit,
  type IncidentStatus as Status,
} from '@vaka/domain';
import { countReports, listUnits } from '@vaka/db';
import { changeIncident } from '../modules/incidents/service.ts';
import { addNote } from '../modules/journal/service.ts';
import { createUnit } from '../modules/units/service.ts';
import { createSchedule } from '../modules/schedules/service.ts';
import { createEscalationPolicy } from '../modules/escalation-policies/service.ts';
import { seedDemoMessage } from './messages.ts';
import { seedDemoPlannedEvents } from './planned-events.ts';
import { seedDemoHandover } from '../modules/handovers/demo.ts';
import { seedDemoSituationReport } from '../modules/situation-reports/demo.ts';

interface DemoIncident {
  /** How long ago the report came in. */
  minutesAgo: number;
  report: CreateReport;
  /** Where the duty officer has taken it since. */
  status?: Status;
  /** What the duty officer wrote down afterwards, minutes after the report came in. */
  notes?: DemoNote[];
}

interface DemoNote {
  /** When, in minutes after the report, it was learnt. */
  minutesAfter: number;
  text: string;
  /** When it happened, in minutes after the report, when that is earlier than it was learnt. */
  happenedMinutesAfter?: number;
  keyEvent?: boolean;
  public?: boolean;
}

const at = (address: string, lat: number, lon: number) => ({ address, coordinates: { lat, lon } });

/** A believable day for a city's duty officer, in Stockholm; times are relative to the seeding. */
const DEMO_DAY: DemoIncident[] = [
  {
    minutesAgo: 610,
    status: IncidentStatus.closed,
    report: {
      title: 'Power cut in Hammarby sjöstad',
      category: 'utility_power',
      severity: 'moderate',
      location: at('Hammarby allé 93, Stockholm', 59.3046, 18.1042),
      source: { channel: 'partner_api', name: 'Ellevio' },
      description: 'About 1,200 households without power after a cable fault. Restored 06:40.',
    },
  },
  {
    minutesAgo: 540,
    status: IncidentStatus.monitoring,
    report: {
      title: 'Water main break on Götgatan',
      category: 'utility_water',
      severity: 'serious',
      location: at('Götgatan 78, Stockholm', 59.3105, 18.0763),
      source: { channel: 'phone', name: 'Stockholm Vatten och Avfall' },
      description:
        'Burst main under the road, street flooded between Skanstull and Ringvägen. Buses diverted; repair crew on site.',
    },
    notes: [
      {
        minutesAfter: 12,
        happenedMinutesAfter: -20,
        text: 'The caller says the water started rising about twenty minutes before the call.',
      },
      {
        minutesAfter: 55,
        text: 'Stockholm Vatten: the main is shut off; about 300 flats without water until evening. Water tank placed at Skanstull.',
        keyEvent: true,
        public: true,
      },
    ],
  },
  {
    minutesAgo: 480,
    status: IncidentStatus.inProgress,
    report: {
      title: 'Storm warning: strong winds over Stockholm tonight',
      category: 'severe_weather',
      severity: 'serious',
      location: at('Stockholm municipality', 59.3293, 18.0686),
      source: { channel: 'cap', name: 'SMHI' },
      description:
        'Yellow warning for wind, gusts 25 m/s expected from 18:00. Risk of falling trees and disruption to ferries.',
    },
  },
  {
    minutesAgo: 455,
    status: IncidentStatus.acknowledged,
    report: {
      title: 'Threatening letter to a city councillor',
      category: 'threat_against_officials',
      severity: 'serious',
      location: { address: 'Stadshuset, Hantverkargatan 1, Stockholm' },
      source: { channel: 'email', name: 'City Hall security' },
      description:
        "Letter with threats received at the councillor's office. Police informed; security assessment requested.",
      reporter: { name: 'Security desk', phone: '+46 8 508 290 00' },
    },
  },
  {
    minutesAgo: 420,
    status: IncidentStatus.inProgress,
    report: {
      title: 'Football derby at Strawberry Arena: supporter marches',
      category: 'public_event',
      severity: 'moderate',
      location: at('Strawberry Arena, Solna', 59.3726, 17.9987),
      source: { channel: 'phone', name: 'Police liaison' },
      description:
        'Two supporter marches planned from Odenplan and Solna centrum from 16:30; kick-off 19:00, 50,000 expected.',
    },
  },
  {
    minutesAgo: 390,
    status: IncidentStatus.acknowledged,
    report: {
      title: 'Demonstration at Mynttorget',
      category: 'demonstration',
      severity: 'minor',
      location: at('Mynttorget, Stockholm', 59.3268, 18.0707),
      source: { channel: 'partner_api', name: 'Police permit register' },
      description:
        'Permitted demonstration, about 800 participants, 12:00–15:00. Traffic around Gamla stan affected.',
    },
  },
  {
    minutesAgo: 350,
    status: IncidentStatus.monitoring,
    report: {
      title: 'Heating outage in Rinkeby',
      category: 'utility_heating',
      severity: 'moderate',
      location: at('Rinkebytorget, Stockholm', 59.3883, 17.9289),
      source: { channel: 'partner_api', name: 'Stockholm Exergi' },
      description:
        'District heating down for about 400 flats; a care home among them. Repair estimate 6 hours.',
    },
  },
  {
    minutesAgo: 300,
    status: IncidentStatus.inProgress,
    report: {
      title: 'Fire in a recycling plant, heavy smoke',
      category: 'fire',
      severity: 'critical',
      location: at('Lövsta, Stockholm', 59.3936, 17.8336),
      source: { channel: 'phone', name: 'Storstockholms brandförsvar' },
      description:
        'Large fire in stored waste. Smoke drifting east over Hässelby. VMA (public warning) considered: keep windows closed.',
    },
    notes: [
      {
        minutesAfter: 25,
        text: 'Rescue service: the fire is held to the waste bunker; smoke will go on for hours.',
        keyEvent: true,
      },
      {
        minutesAfter: 48,
        happenedMinutesAfter: 40,
        text: 'Public warning (VMA) issued for Hässelby and Vällingby: stay indoors, close windows, doors and ventilation.',
        keyEvent: true,
        public: true,
      },
    ],
  },
  {
    minutesAgo: 260,
    report: {
      title: 'State visit: motorcade route closures tomorrow',
      category: 'state_visit',
      severity: 'moderate',
      location: at('Kungliga slottet, Stockholm', 59.3268, 18.0717),
      source: { channel: 'email', name: 'Government Offices' },
      description:
        'Closures on Skeppsbron and Strandvägen 09:00–13:00. Coordinate with traffic office.',
    },
  },
  {
    minutesAgo: 230,
    status: IncidentStatus.acknowledged,
    report: {
      title: 'IT incident: phishing against city staff',
      category: 'it_security',
      severity: 'moderate',
      location: { address: 'City IT service desk' },
      source: { channel: 'email', name: 'City CSIRT' },
      description:
        'Credential phishing wave targeting school staff. Passwords being reset; no confirmed data loss.',
    },
  },
  {
    minutesAgo: 200,
    status: IncidentStatus.closed,
    report: {
      title: 'Lift stuck at Slussen, passengers freed',
      category: 'transport',
      severity: 'minor',
      location: at('Slussen, Stockholm', 59.3195, 18.0722),
      source: { channel: 'phone' },
      description: 'Six people stuck for 20 minutes; freed by the rescue service.',
    },
  },
  {
    minutesAgo: 170,
    status: IncidentStatus.inProgress,
    report: {
      title: 'Flooding risk on Söder Mälarstrand',
      category: 'flooding',
      severity: 'moderate',
      location: at('Söder Mälarstrand, Stockholm', 59.3211, 18.0603),
      source: { channel: 'sensor', name: 'Water level gauge' },
      description:
        'Mälaren level rising after heavy rain; quay near the edge. Sandbags on standby.',
    },
  },
  {
    minutesAgo: 140,
    report: {
      title: 'Mobile network disruption in Kista',
      category: 'utility_telecom',
      severity: 'minor',
      location: at('Kista, Stockholm', 59.4032, 17.9447),
      source: { channel: 'partner_api', name: 'Operator status feed' },
      description: 'One operator reports degraded mobile data. Emergency calls work.',
    },
  },
  {
    minutesAgo: 115,
    status: IncidentStatus.acknowledged,
    report: {
      title: 'Fights outside nightclub, Stureplan',
      category: 'public_order',
      severity: 'moderate',
      location: at('Stureplan, Stockholm', 59.3357, 18.0736),
      source: { channel: 'radio', name: 'Police liaison' },
      description: 'Several fights, two injured. Police on site; area calm now.',
    },
  },
  {
    minutesAgo: 90,
    report: {
      title: 'Fallen tree blocks Djurgårdsvägen',
      category: 'severe_weather',
      severity: 'minor',
      location: at('Djurgårdsvägen, Stockholm', 59.3262, 18.1033),
      source: { channel: 'phone' },
      description: 'Tree across both lanes after gusts. Traffic office informed.',
      reporter: { name: 'Anna Lind', phone: '+46 70 123 45 67' },
    },
  },
  {
    minutesAgo: 70,
    status: IncidentStatus.acknowledged,
    report: {
      title: 'Gastro outbreak at a preschool',
      category: 'health',
      severity: 'moderate',
      location: { address: 'Preschool in Bromma' },
      source: { channel: 'email', name: 'Environment and health office' },
      description:
        '14 children and 3 staff ill. Region infection control informed; kitchen inspected.',
    },
  },
  {
    minutesAgo: 45,
    report: {
      title: 'Suspicious package at T-Centralen',
      category: 'cbrn_terror',
      severity: 'serious',
      location: at('T-Centralen, Stockholm', 59.331, 18.0596),
      source: { channel: 'phone', name: 'SL traffic control' },
      description:
        'Unattended bag on the blue line platform. Platform cleared; police bomb technicians on the way.',
    },
  },
  {
    minutesAgo: 30,
    report: {
      title: 'Ferry traffic to Vaxholm cancelled',
      category: 'transport',
      severity: 'minor',
      location: at('Strömkajen, Stockholm', 59.3296, 18.0777),
      source: { channel: 'partner_api', name: 'Waxholmsbolaget' },
      description:
        'Evening departures cancelled because of the wind. About 300 commuters affected.',
    },
  },
  {
    minutesAgo: 18,
    report: {
      title: 'Car fire in a garage, Vällingby',
      category: 'fire',
      severity: 'serious',
      location: at('Vällingby centrum, Stockholm', 59.3632, 17.872),
      source: { channel: 'phone', name: 'SOS Alarm' },
      description:
        'Fire in an underground car park under flats. Residents of two stairwells evacuated.',
    },
  },
  {
    minutesAgo: 6,
    report: {
      title: 'Large crowd gathering after the match',
      category: 'public_order',
      severity: 'moderate',
      location: at('Odenplan, Stockholm', 59.343, 18.0497),
      source: { channel: 'social_media' },
      description:
        'Posts show several hundred supporters heading towards Odenplan; fireworks reported.',
    },
  },
  // Two reports of what is already known, waiting in the queue for the duty officer to merge.
  {
    minutesAgo: 4,
    report: {
      title: 'Smoke smell in Hässelby strand, residents worried',
      category: 'fire',
      severity: 'minor',
      location: at('Hässelby strand, Stockholm', 59.3612, 17.8325),
      source: { channel: 'phone', name: 'Resident' },
      description:
        'Thick smoke over the houses; the caller asks whether it is dangerous to be outdoors.',
    },
  },
  {
    minutesAgo: 2,
    report: {
      title: 'Supporters with fireworks at Odenplan',
      category: 'public_order',
      severity: 'moderate',
      location: at('Odenplan, Stockholm', 59.3428, 18.0493),
      source: { channel: 'social_media', name: 'Police liaison' },
      description: 'A crowd of supporters after the match, fireworks fired towards the square.',
    },
  },
];

/** Stockholm's units a duty officer escalates to most; the contacts are made up. */
const DEMO_UNITS: CreateUnit[] = [
  {
    name: 'Storstockholms brandförsvar',
    description: 'The rescue service: fires, rescues, hazardous substances',
    categories: ['fire', 'cbrn_terror', 'severe_weather', 'flooding'],
    timeZone: 'Europe/Stockholm',
    contacts: [
      {
        name: 'Räddningschef i beredskap',
        phone: '+46 8 555 100 00',
        email: 'rcb@brandforsvar.example',
        preferredChannel: 'sms',
        language: 'sv',
      },
      {
        name: 'Ledningscentralen',
        phone: '+46 8 555 100 10',
        email: 'ledning@brandforsvar.example',
        preferredChannel: 'email',
        language: 'sv',
      },
    ],
  },
  {
    name: 'Stockholm Vatten och Avfall',
    description: 'Water mains, sewers and waste collection',
    categories: ['utility_water', 'flooding'],
    timeZone: 'Europe/Stockholm',
    contacts: [
      {
        name: 'Driftcentralen',
        phone: '+46 8 555 200 00',
        preferredChannel: 'sms',
        language: 'sv',
      },
      {
        name: 'Jourhavande ingenjör',
        phone: '+46 70 555 20 01',
        email: 'jour@svoa.example',
        preferredChannel: 'sms',
        language: 'sv',
      },
    ],
  },
  {
    name: 'Trafikkontoret',
    description: 'Streets, bridges, tunnels and traffic in the city',
    categories: ['transport', 'severe_weather', 'public_event'],
    districtIds: ['norra-innerstaden', 'sodermalm', 'kungsholmen'],
    timeZone: 'Europe/Stockholm',
    contacts: [
      {
        name: 'Trafikjouren',
        phone: '+46 8 555 300 00',
        email: 'trafikjour@trafikkontoret.example',
        preferredChannel: 'sms',
        language: 'sv',
      },
    ],
  },
  {
    name: 'Polisen samverkan',
    description: 'The police liaison for public order, events and threats',
    categories: [
      'public_order',
      'demonstration',
      'state_visit',
      'crime_violence',
      'threat_against_officials',
    ],
    timeZone: 'Europe/Stockholm',
    contacts: [
      {
        name: 'Samverkansfunktionen',
        phone: '+46 8 555 400 00',
        email: 'samverkan@polisen.example',
        preferredChannel: 'email',
        language: 'sv',
      },
      {
        name: 'Liaison officer (English)',
        phone: '+46 70 555 40 01',
        preferredChannel: 'sms',
        language: 'en',
      },
    ],
  },
];

/**
 * Seeds the demo units into a database without units, each with the categories and districts the
 * city knows; returns how many were added.
 */
export async function seedDemoUnits(app: FastifyInstance): Promise<number> {
  if ((await listUnits(app.database.db, { includeArchived: true })).length > 0) return 0;
  const districtIds = new Set(app.districts.features.map((feature) => feature.properties.id));
  for (const demo of DEMO_UNITS) {
    const entry = await createUnit(
      app.database,
      { city: app.city, districts: app.districts },
      {
        ...demo,
        categories: (demo.categories ?? []).filter((category) =>
          app.city.categories.includes(category),
        ),
        districtIds: (demo.districtIds ?? []).filter((id) => districtIds.has(id)),
      },
      'demo',
    );
    app.liveHub.committed([entry]);
    await seedDemoOnCall(app, entry.data.unit);
  }
  return DEMO_UNITS.length;
}

/**
 * A unit's on-call week and how it is reached: its contacts take turns a week each, handing over
 * on Monday at 08:00; the policy asks whoever is on call, then every contact, twice over.
 */
async function seedDemoOnCall(app: FastifyInstance, unit: Unit): Promise<void> {
  const schedule = await createSchedule(
    app.database,
    unit.id,
    {
      name: 'Beredskapsvecka',
      layers: [
        {
          participants: unit.contacts.map((contact) => contact.id),
          shift: { kind: 'weekly' },
          handoffTime: '08:00',
          handoffWeekday: 1,
          startsAt: '2026-01-05',
        },
      ],
    },
    'demo',
  );
  const policy = await createEscalationPolicy(
    app.database,
    unit.id,
    {
      name: 'Standard',
      repeat: 1,
      steps: [
        {
          waitMinutes: 10,
          requireAll: false,
          targets: [{ kind: 'schedule', scheduleId: schedule.data.schedule.id }],
        },
        {
          waitMinutes: 15,
          requireAll: false,
          targets: unit.contacts.map((contact) => ({ kind: 'contact', contactId: contact.id })),
        },
      ],
    },
    'demo',
  );
  app.liveHub.committed([schedule, policy]);
}

/**
 * Seeds the demo units, and a believable day of incidents into a database without reports;
 * returns how many incidents were added.
 */
export async function seedDemoData(app: FastifyInstance, now = new Date()): Promise<number> {
  await seedDemoUnits(app);
  if ((await countReports(app.database.db)) > 0) return 0;
  const incidentIds = new Map<string, string>();
  for (const demo of DEMO_DAY) {
    const receivedAt = new Date(now.getTime() - demo.minutesAgo * 60_000);
    const { receipt } = await app.intake.submit(
      { ...demo.report, observedAt: receivedAt.toISOString() },
      { actor: 'demo', receivedAt },
    );
    incidentIds.set(demo.report.title, receipt.incidentId);
    if (demo.status) {
      const changedAt = new Date(receivedAt.getTime() + Math.min(demo.minutesAgo / 2, 20) * 60_000);
      const entry = await changeIncident(
        app.database,
        receipt.incidentId,
        { status: demo.status },
        { actor: 'demo', reason: 'demo data', at: changedAt },
      );
      app.liveHub.committed([entry]);
    }
    for (const note of demo.notes ?? []) {
      // NOTE: the journal records when the demo was seeded, as it does every entry; the note's
      // event time carries when, in the demo's story, it happened.
      const happenedAt = new Date(
        receivedAt.getTime() + (note.happenedMinutesAfter ?? note.minutesAfter) * 60_000,
      );
      const entry = await addNote(
        app.database,
        receipt.incidentId,
        {
          text: note.text,
          eventAt: happenedAt.toISOString(),
          keyEvent: note.keyEvent ?? false,
          public: note.public ?? false,
        },
        'demo',
      );
      app.liveHub.committed([entry]);
    }
  }
  await seedDemoMessage(app, now, incidentIds.get('Fire in a recycling plant, heavy smoke'));
  await seedDemoPlannedEvents(app, now);
  await seedDemoHandover(app, now);
  await seedDemoSituationReport(app);
  return DEMO_DAY.length;
}
