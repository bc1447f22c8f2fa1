import { describe, expect, it } from 'vitest';
import { Category, IncidentStatus, Severity } from '@vaka/domain';
import { buildIncident } from '../../test-support/factories.ts';
import {
  filterIncidents,
  incidentQueryOf,
  isFiltering,
  needsSearch,
  NO_FILTER,
  searchKeyOf,
  TimeRange,
  toggled,
  type IncidentFilter,
} from './incident-filter.ts';
import { splitPassage } from './passage-parts.ts';

const STOCKHOLM = 'Europe/Stockholm';
const NOW = Date.parse('2025-06-10T12:00:00Z');
const hoursAgo = (hours: number) => new Date(NOW - hours * 3_600_000).toISOString();
const filter = (change: Partial<IncidentFilter>): IncidentFilter => ({ ...NO_FILTER, ...change });
const titles = (incidents: { title: string }[]) => incidents.map((incident) => incident.title);

const fire = buildIncident({
  title: 'Fire',
  category: Category.fire,
  severity: Severity.critical,
  status: IncidentStatus.inProgress,
  district: { id: 'sodermalm', name: 'Södermalm' },
  openedAt: hoursAgo(0.5),
});
const storm = buildIncident({
  title: 'Storm',
  category: Category.severeWeather,
  severity: Severity.serious,
  status: IncidentStatus.new,
  district: { id: 'kungsholmen', name: 'Kungsholmen' },
  openedAt: hoursAgo(5),
});
const water = buildIncident({
  title: 'Water',
  category: Category.utilityWater,
  severity: Severity.minor,
  status: IncidentStatus.monitoring,
  openedAt: hoursAgo(30),
});
const all = [water, fire, storm];

describe('filterIncidents', () => {
  it('lets every open incident through without a filter, newest first', () => {
    expect(titles(filterIncidents(all, NO_FILTER, NOW, STOCKHOLM))).toEqual([
      'Fire',
      'Storm',
      'Water',
    ]);
  });

  it('keeps the chosen statuses, severities and categories, any of each', () => {
    expect(
      titles(filterIncidents(all, filter({ statuses: ['new', 'monitoring'] }), NOW, STOCKHOLM)),
    ).toEqual(['Storm', 'Water']);
    expect(
      titles(filterIncidents(all, filter({ severities: ['critical', 'minor'] }), NOW, STOCKHOLM)),
    ).toEqual(['Fire', 'Water']);
    expect(
      titles(filterIncidents(all, filter({ categories: ['severe_weather'] }), NOW, STOCKHOLM)),
    ).toEqual(['Storm']);
  });

  it('combines filters: an incident must pass every one', () => {
    const both = filter({ severities: ['critical', 'serious'], categories: ['severe_weather'] });
    expect(titles(filterIncidents(all, both, NOW, STOCKHOLM))).toEqual(['Storm']);
  });

  it('keeps incidents in the chosen districts and leaves out those in none', () => {
    expect(
      titles(
        filterIncidents(all, filter({ districtIds: ['sodermalm', 'kungsholmen'] }), NOW, STOCKHOLM),
      ),
    ).toEqual(['Fire', 'Storm']);
  });

  it('keeps incidents opened within the last hour, 6 hours, 24 hours', () => {
    const within = (timeRange: TimeRange) =>
      titles(filterIncidents(all, filter({ timeRange }), NOW, STOCKHOLM));
    expect(within(TimeRange.lastHour)).toEqual(['Fire']);
    expect(within(TimeRange.last6Hours)).toEqual(['Fire', 'Storm']);
    expect(within(TimeRange.last24Hours)).toEqual(['Fire', 'Storm']);
    expect(within(TimeRange.last7Days)).toEqual(['Fire', 'Storm', 'Water']);
  });

  it("reads a custom range in the city's time, from inclusive and to exclusive", () => {
    // The storm was opened at 07:00 UTC, 09:00 in Stockholm's summer time.
    const custom = (customFrom: string, customTo: string) =>
      titles(
        filterIncidents(
          all,
          filter({ timeRange: TimeRange.custom, customFrom, customTo }),
          NOW,
          STOCKHOLM,
        ),
      );
    expect(custom('2025-06-10T09:00', '2025-06-10T10:00')).toEqual(['Storm']);
    expect(custom('2025-06-10T09:01', '')).toEqual(['Fire']);
    expect(custom('', '2025-06-10T09:00')).toEqual(['Water']);
  });
});

describe('needsSearch', () => {
  it('asks the server for words and for closed incidents, and not otherwise', () => {
    expect(needsSearch(NO_FILTER)).toBe(false);
    expect(needsSearch(filter({ severities: ['critical'], timeRange: 'last_hour' }))).toBe(false);
    expect(needsSearch(filter({ text: '  ' }))).toBe(false);
    expect(needsSearch(filter({ text: 'Götgatan' }))).toBe(true);
    expect(needsSearch(filter({ statuses: ['closed'] }))).toBe(true);
  });
});

describe('incidentQueryOf', () => {
  it('sends the words and every filter, lists comma-separated, times as instants', () => {
    expect(
      incidentQueryOf(
        filter({
          text: ' vattenläcka ',
          statuses: ['closed', 'new'],
          severities: ['serious'],
          categories: ['utility_water', 'flooding'],
          districtIds: ['sodermalm'],
          timeRange: TimeRange.custom,
          customFrom: '2025-06-01T00:00',
          customTo: '',
        }),
        NOW,
        STOCKHOLM,
      ),
    ).toEqual({
      q: 'vattenläcka',
      status: 'closed,new',
      severity: 'serious',
      category: 'utility_water,flooding',
      district: 'sodermalm',
      from: '2025-05-31T22:00:00.000Z',
      limit: '200',
    });
  });

  it('turns a relative range into the time it starts from now', () => {
    expect(
      incidentQueryOf(filter({ text: 'rök', timeRange: 'last_hour' }), NOW, STOCKHOLM),
    ).toEqual({ q: 'rök', from: '2025-06-10T11:00:00.000Z', limit: '200' });
  });
});

describe('searchKeyOf', () => {
  it('is null without a search, and the same for a relative range as the clock moves on', () => {
    expect(searchKeyOf(filter({ severities: ['minor'] }))).toBeNull();
    const words = filter({ text: 'rök', timeRange: 'last_hour' });
    expect(searchKeyOf(words)).toBe(searchKeyOf({ ...words }));
    expect(searchKeyOf(words)).not.toBe(searchKeyOf({ ...words, text: 'rök i trapphus' }));
  });
});

describe('isFiltering and toggled', () => {
  it('tells whether there is anything to clear, and adds or takes away a choice', () => {
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(isFiltering(filter({ districtIds: ['sodermalm'] }))).toBe(true);
    expect(toggled(['new'], 'closed')).toEqual(['new', 'closed']);
    expect(toggled(['new', 'closed'], 'new')).toEqual(['closed']);
  });
});

describe('splitPassage', () => {
  it('marks the words between « and », keeping everything else as plain text', () => {
    expect(splitPassage('Rök från «brand» i «trapphus», Götgatan')).toEqual([
      { text: 'Rök från ', matched: false },
      { text: 'brand', matched: true },
      { text: ' i ', matched: false },
      { text: 'trapphus', matched: true },
      { text: ', Götgatan', matched: false },
    ]);
  });

  it('keeps markup as text and copes with a mark left open', () => {
    expect(splitPassage('<b>«x»</b> «rest')).toEqual([
      { text: '<b>', matched: false },
      { text: 'x', matched: true },
      { text: '</b> ', matched: false },
      { text: 'rest', matched: true },
    ]);
  });
});
