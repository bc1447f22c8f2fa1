import type { Category, CreateReport, ReportReceipt, Severity } from '@vaka/domain';
import { distribution, round, wallClockMs, type Distribution } from './stats.ts';

/** Where the search phase sends its load and its queries. */
export interface SearchTarget {
  baseUrl: string;
  /** A partner's API key, for the reports. */
  partner: Record<string, string>;
  /** A duty officer's session and CSRF token, for notes and searches. */
  officer: Record<string, string>;
}

/** What one query of the search phase measured. */
export interface SearchQueryResult {
  /** What the query stands for: a common word, a half-typed word, ... */
  label: string;
  q: string;
  /** Counts for the goal on common words. */
  common: boolean;
  /** Incidents in the answer (at most the limit). */
  hits: number;
  /** More incidents matched than the limit. */
  truncated: boolean;
  /** From sending the request to having parsed the answer, over every measured run. */
  latencyMs: Distribution;
}

/** The search phase's load and measurements. */
export interface SearchResults {
  reports: number;
  notes: number;
  /** How long posting the reports and notes took. */
  loadSeconds: number;
  /** Reports and notes that were not stored (any answer but 201). */
  loadErrors: number;
  firstLoadError?: string;
  /** Measured runs of each query, one after the other. */
  runs: number;
  limit: number;
  queries: SearchQueryResult[];
}

/** Runs of each query, measured one after another after one unmeasured run. */
export const SEARCH_RUNS = 20;
/** The result size the console asks for. */
export const SEARCH_LIMIT = 100;
/** Every so many incidents get a note. */
const NOTE_EVERY = 20;
/** Requests in flight while loading; enough to keep a 2-core server busy, not to queue for long. */
const LOAD_CONCURRENCY = 32;
/** Report numbers start here, above every house number, so that a number is a rare term. */
const FIRST_NUMBER = 1000;

interface Phrase {
  title: string;
  description: string;
  category: Category;
}

// NOTE: the vocabulary is small on purpose: at 20,000 reports each phrase appears some 1,500 times,
// so common words match far more incidents than the limit, as a busy winter's journal would.
const PHRASES: readonly Phrase[] = [
  {
    title: 'Brand i soprum',
    description: 'Rök syns från soprummet i källaren, brandlarmet går.',
    category: 'fire',
  },
  {
    title: 'Brand i personbil',
    description: 'En bil brinner på parkeringen bakom skolan.',
    category: 'fire',
  },
  {
    title: 'Vattenläcka på gatan',
    description: 'Vatten forsar upp ur asfalten vid korsningen.',
    category: 'utility_water',
  },
  {
    title: 'Strömavbrott i området',
    description: 'Flera kvarter saknar ström sedan en timme.',
    category: 'utility_power',
  },
  {
    title: 'Träd över vägen',
    description: 'Ett omkullfallet träd spärrar körbanan efter stormen.',
    category: 'transport',
  },
  {
    title: 'Tulipalo kerrostalossa',
    description: 'Savua näkyy kolmannen kerroksen ikkunasta, asukkaat ulkona.',
    category: 'fire',
  },
  {
    title: 'Vesivuoto kadulla',
    description: 'Vettä nousee kadulle rikkoutuneesta putkesta.',
    category: 'utility_water',
  },
  {
    title: 'Sähkökatko alueella',
    description: 'Useat talot ovat ilman sähköä, liikennevalot pimeänä.',
    category: 'utility_power',
  },
  {
    title: 'Fire in a warehouse',
    description: 'Smoke and flames from the roof of a storage building by the harbour.',
    category: 'fire',
  },
  {
    title: 'Fallen tree blocks road',
    description: 'A large tree has fallen across both lanes after the storm.',
    category: 'transport',
  },
  {
    title: 'Water main burst',
    description: 'Water is flooding the street from a broken pipe.',
    category: 'utility_water',
  },
  {
    title: 'Power cut in the neighbourhood',
    description: 'Several blocks have had no electricity for an hour.',
    category: 'utility_power',
  },
];

const STREETS = ['Götgatan', 'Storgatan', 'Mannerheimintie', 'Hämeenkatu', 'Harbour Road'];
const SEVERITIES: readonly Severity[] = ['minor', 'moderate', 'serious', 'critical'];

// Words in notes only: no report or incident says "rökdykare".
const NOTES = [
  'Rökdykare på plats, sökning i trapphuset pågår.',
  'Kommunens jour informerad, återkommer inom en timme.',
  'Savusukeltajat sisällä, tilanne rauhallinen.',
  'Crew on site, road expected to reopen by noon.',
];

/** Report number `n` of the load: phrases, streets and severities in turn, numbered. */
export function searchReport(n: number): CreateReport {
  const phrase = PHRASES[n % PHRASES.length]!;
  const number = FIRST_NUMBER + n;
  return {
    title: `${phrase.title} ${number}`,
    description: phrase.description,
    category: phrase.category,
    severity: SEVERITIES[n % SEVERITIES.length]!,
    location: { address: `${STREETS[n % STREETS.length]!} ${(n % 97) + 1}` },
    source: { channel: 'phone' },
  };
}

/** The queries measured, in order; the rare number depends on how many reports were loaded. */
export function searchQueries(
  reports: number,
): Array<Pick<SearchQueryResult, 'label' | 'q' | 'common'>> {
  return [
    { label: 'common word', q: 'brand', common: true },
    { label: 'inflected Swedish word', q: 'vattenläckan', common: true },
    { label: 'Finnish inflection', q: 'tulipalossa', common: true },
    { label: 'two English words', q: 'warehouse fire', common: true },
    {
      label: 'rare term (one report)',
      q: String(FIRST_NUMBER + Math.floor(reports / 2)),
      common: false,
    },
    { label: 'half-typed word', q: 'strö', common: true },
    { label: 'word only in notes', q: 'rökdykare', common: false },
  ];
}

/**
 * Loads `reports` varied reports (with a note on every 20th incident) with bounded concurrency;
 * returns what was stored and how long it took.
 */
export async function loadSearchCorpus(
  target: SearchTarget,
  reports: number,
): Promise<
  Pick<SearchResults, 'reports' | 'notes' | 'loadSeconds' | 'loadErrors' | 'firstLoadError'>
> {
  const started = performance.now();
  const noted: string[] = [];
  let errors = 0;
  let firstError: string | undefined;
  /** POSTs `body`; the answer's text if it was 201, else undefined (and the failure counted). */
  const post = async (path: string, body: unknown, headers: Record<string, string>) => {
    let failure: string;
    try {
      const response = await fetch(`${target.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      if (response.status === 201) return text;
      failure = `${response.status} ${text.slice(0, 200)}`;
    } catch (error) {
      failure = (error as Error).message;
    }
    errors += 1;
    firstError ??= `${path}: ${failure}`;
    return undefined;
  };
  let stored = 0;
  await inParallel(reports, LOAD_CONCURRENCY, async (n) => {
    const receipt = await post('/api/v1/reports', searchReport(n), target.partner);
    if (receipt === undefined) return;
    stored += 1;
    if (n % NOTE_EVERY === 0) noted.push((JSON.parse(receipt) as ReportReceipt).incidentId);
  });
  let notes = 0;
  await inParallel(noted.length, LOAD_CONCURRENCY / 4, async (n) => {
    const note = { text: NOTES[n % NOTES.length]! };
    if ((await post(`/api/v1/incidents/${noted[n]!}/notes`, note, target.officer)) !== undefined) {
      notes += 1;
    }
  });
  return {
    reports: stored,
    notes,
    loadSeconds: round((performance.now() - started) / 1000),
    loadErrors: errors,
    ...(firstError !== undefined && { firstLoadError: firstError }),
  };
}

/** Runs each query once unmeasured, then `SEARCH_RUNS` times in a row, measured. */
export async function measureSearches(
  target: SearchTarget,
  reports: number,
): Promise<SearchQueryResult[]> {
  const results: SearchQueryResult[] = [];
  for (const query of searchQueries(reports)) {
    const url = `${target.baseUrl}/api/v1/incidents?${new URLSearchParams({ q: query.q, limit: String(SEARCH_LIMIT) })}`;
    let answer = await search(url, target.officer);
    const latencies: number[] = [];
    for (let run = 0; run < SEARCH_RUNS; run++) {
      const sent = wallClockMs();
      answer = await search(url, target.officer);
      latencies.push(wallClockMs() - sent);
    }
    results.push({
      ...query,
      hits: answer.hits.length,
      truncated: answer.truncated,
      latencyMs: distribution(latencies)!,
    });
  }
  return results;
}

async function search(
  url: string,
  headers: Record<string, string>,
): Promise<{ hits: unknown[]; truncated: boolean }> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  if (response.status !== 200) {
    throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  }
  return (await response.json()) as { hits: unknown[]; truncated: boolean };
}

/** Calls `task(0 .. total-1)` with at most `concurrency` calls in flight. */
export async function inParallel(
  total: number,
  concurrency: number,
  task: (n: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    // Bounded: each worker takes numbers until all `total` are taken.
    while (next < total) {
      const n = next;
      next += 1;
      await task(n);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}
