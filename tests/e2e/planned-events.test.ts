import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Incident, IncidentDetail, PlannedEvent, Unit } from '@vaka/domain';
import { openDatabase } from '@vaka/db';
import { createTestUser, signIn, type SignedIn } from '../support/accounts.ts';
import { buildReport } from '../support/factories.ts';
import { openConsoleSession, type ConsoleSession } from './console-session.ts';

const STOCKHOLM = 'Europe/Stockholm';
const DERBY = 'Derby Hammarby–AIK';
const WAIT = { timeout: 10_000 };

let session: ConsoleSession;
let page: Page;
let admin: SignedIn;
/** Another duty officer, reading what the server holds. */
let reader: SignedIn;
let police: Unit;
let incidentId: string;

beforeAll(async () => {
  session = await openConsoleSession(['duty_officer']);
  page = session.page;
  const database = await openDatabase({
    url: session.databaseUrl,
    dataDir: '/nonexistent',
    poolSize: 1,
  });
  const person = await createTestUser(database, ['admin']);
  const colleague = await createTestUser(database, ['duty_officer']);
  await database.close();
  admin = await signIn(session.server.baseUrl, person.username);
  reader = await signIn(session.server.baseUrl, colleague.username);
  police = await api<Unit>('POST', '/api/v1/units', admin, {
    name: 'Polisen samverkan',
    timeZone: STOCKHOLM,
  });
  const response = await fetch(`${session.server.baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...session.partner },
    body: JSON.stringify(
      buildReport({
        title: 'Supporters throwing flares outside the arena',
        category: 'public_order',
        observedAt: new Date().toISOString(),
        location: {
          address: 'Arenatorget, Johanneshov',
          coordinates: { lat: 59.2915, lon: 18.082 },
        },
      }),
    ),
  });
  expect(response.status).toBe(201);
  incidentId = ((await response.json()) as { incidentId: string }).incidentId;
  // The console read the units and incidents when it signed in, before these were made.
  await page.reload();
  await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor(WAIT);
});

afterAll(() => session?.close());

async function api<T>(method: string, path: string, who: SignedIn, body?: unknown): Promise<T> {
  const response = await fetch(`${session.server.baseUrl}${path}`, {
    method,
    headers: {
      ...(method === 'GET' ? who.headers : who.changeHeaders),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return (await response.json()) as T;
}

/** Presses a control with the keyboard. */
async function press(control: Locator, key = 'Enter'): Promise<void> {
  await control.focus();
  await page.keyboard.press(key);
}

/** Types into a field the way a person does: focus, select what is there, type over it. */
async function typeInto(field: Locator, text: string): Promise<void> {
  await field.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/**
 * How this Chromium lays out its native date and time fields: it follows the browser's own
 * language rather than the page's, so the test asks instead of assuming.
 */
async function nativeFieldLayout(): Promise<{ dayFirst: boolean; twelveHour: boolean }> {
  const typed = async (type: string, keys: string): Promise<string> => {
    await page.evaluate((fieldType) => {
      const field = document.createElement('input');
      field.type = fieldType;
      field.id = 'layout-probe';
      document.body.append(field);
      field.focus();
    }, type);
    await page.keyboard.type(keys);
    return page.evaluate(() => {
      const field = document.getElementById('layout-probe') as HTMLInputElement;
      field.remove();
      return field.value;
    });
  };
  const date = await typed('date', '01022003');
  const time = await typed('time', '0930');
  return { dayFirst: date === '2003-02-01', twelveHour: time === '' };
}

/** Types a moment in Stockholm's time into a datetime-local field, by keyboard. */
async function typeCityTime(field: Locator, at: Date): Promise<void> {
  const layout = await nativeFieldLayout();
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: STOCKHOLM,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value ?? '';
  const hour = Number(part('hour'));
  await field.focus();
  // Day and month move on by themselves after two digits; a year takes up to six, so → ends it.
  await page.keyboard.type(
    layout.dayFirst ? part('day') + part('month') : part('month') + part('day'),
  );
  await page.keyboard.type(part('year'));
  await page.keyboard.press('ArrowRight');
  if (layout.twelveHour) {
    await page.keyboard.type(String(hour % 12 === 0 ? 12 : hour % 12).padStart(2, '0'));
    await page.keyboard.type(part('minute'));
    await page.keyboard.type(hour < 12 ? 'A' : 'P');
  } else {
    await page.keyboard.type(part('hour') + part('minute'));
  }
}

/**
 * Tomorrow at the whole hour it is now in Stockholm: tomorrow in the calendar, and within the
 * next 24 hours that the map shows.
 */
function tomorrowThisHour(): Date {
  const hour = 60 * 60 * 1000;
  return new Date(Math.floor(Date.now() / hour) * hour + 24 * hour);
}

const calendar = () => page.getByTestId('planned-events');
const derbyItem = () =>
  calendar().locator('[data-testid="planned-event"]').filter({ hasText: DERBY });

/** The derby as the server holds it now, read as another duty officer. */
async function storedEvent(): Promise<PlannedEvent | undefined> {
  const { events } = await api<{ events: PlannedEvent[] }>(
    'GET',
    '/api/v1/planned-events?cancelled=true',
    reader,
  );
  return events.find((event) => event.title === DERBY);
}

describe('the calendar of planned events, by keyboard alone', () => {
  it('takes a derby for tomorrow, shows it under tomorrow and on the map, links an incident and calls it off', async () => {
    // Add the derby from the Planned events section.
    await press(page.getByRole('link', { name: 'Planned events' }));
    await calendar().waitFor(WAIT);
    await press(page.getByRole('button', { name: 'Add a planned event' }));
    const form = page.getByTestId('planned-event-form');
    await form.waitFor(WAIT);
    await page.keyboard.type(DERBY); // the title has the keyboard
    await form.getByLabel('Kind').focus();
    await page.keyboard.type('Sports');
    const kickOff = tomorrowThisHour();
    await typeCityTime(form.getByLabel('Starts'), kickOff);
    await typeCityTime(form.getByLabel('Ends'), new Date(kickOff.getTime() + 150 * 60_000));
    await typeInto(form.getByLabel('Address or place'), 'Tele2 Arena, Johanneshov');
    await typeInto(form.getByLabel(/^Latitude/), '59.2906');
    await typeInto(form.getByLabel(/^Longitude/), '18.0844');
    await typeInto(form.getByLabel(/^Expected crowd/), '30000');
    await press(form.getByRole('checkbox', { name: 'Polisen samverkan' }), 'Space');
    await typeInto(form.getByLabel(/^Notes/), 'Supporter march from Medborgarplatsen at 16:30.');
    await press(form.getByRole('button', { name: 'Add event' }));

    await expect
      .poll(() => page.getByTestId('planned-events-notice').textContent(), WAIT)
      .toContain(`“${DERBY}” was added to the calendar.`);
    const tomorrow = calendar().locator('[data-testid="planned-events-day"][data-offset="1"]');
    expect(await tomorrow.getByRole('heading', { level: 3 }).textContent()).toMatch(/^Tomorrow — /);
    const item = tomorrow.locator('[data-testid="planned-event"]').filter({ hasText: DERBY });
    await item.waitFor(WAIT);
    const kickOffText = kickOff.toLocaleTimeString('en-GB', {
      timeZone: STOCKHOLM,
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(await item.locator('time').first().textContent()).toBe(kickOffText);
    expect(await item.getByTestId('planned-event-crowd').textContent()).toBe('30,000');
    expect(await item.getByTestId('planned-event-units').textContent()).toBe('Polisen samverkan');
    expect(await item.getByTestId('planned-event-place').textContent()).toContain(
      'Tele2 Arena, Johanneshov',
    );
    const stored = await storedEvent();
    expect(stored).toMatchObject({
      kind: 'sports',
      expectedCrowd: 30_000,
      responsibleUnitIds: [police.id],
    });
    expect(stored?.startsAt).toBe(kickOff.toISOString());

    // On the incident map, as a diamond of its own with its name, and hidden when not wanted.
    await press(page.getByRole('link', { name: 'Incidents' }));
    const map = page.getByTestId('incident-map');
    await page.locator('[data-testid="incident-map"][data-map-state="ready"]').waitFor({
      timeout: 20_000,
    });
    await expect.poll(() => map.getAttribute('data-rendered-planned-events'), WAIT).toBe('1');
    expect(await map.locator('.planned-event-marker').textContent()).toContain(DERBY);
    const toggle = page.getByTestId('map-planned-toggle');
    await press(toggle, 'Space');
    await expect.poll(() => map.getAttribute('data-rendered-planned-events'), WAIT).toBe('0');
    await press(toggle, 'Space');
    await expect.poll(() => map.getAttribute('data-rendered-planned-events'), WAIT).toBe('1');

    // The incident at the arena is linked to it from its pane.
    await press(page.locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"] a`));
    const section = page.getByTestId('incident-planned-event');
    await section.waitFor(WAIT);
    expect(await section.getByTestId('incident-planned-event-linked').textContent()).toBe(
      'Not linked to a planned event.',
    );
    await section.getByLabel('Link to a planned event').focus();
    await page.keyboard.press('ArrowDown');
    await press(section.getByRole('button', { name: 'Link' }));
    await expect
      .poll(() => section.getByTestId('incident-planned-event-status').textContent(), WAIT)
      .toBe(`The incident is now linked to “${DERBY}”.`);
    await expect
      .poll(() => section.getByTestId('incident-planned-event-linked').textContent(), WAIT)
      .toMatch(new RegExp(`^${DERBY}, `));
    const detail = await api<IncidentDetail>('GET', `/api/v1/incidents/${incidentId}`, reader);
    const linked: Incident = detail.incident;
    expect(linked.plannedEventId).toBe(stored?.id);

    // The calendar counts the linked incident, and the derby is called off with why.
    await press(page.getByRole('link', { name: 'Planned events' }));
    await expect
      .poll(() => derbyItem().getByTestId('planned-event-linked').textContent(), WAIT)
      .toBe('1');
    await press(derbyItem().getByRole('button', { name: `Call off “${DERBY}”` }));
    const cancelBox = derbyItem().getByTestId('planned-event-cancel-box');
    await cancelBox.waitFor(WAIT);
    await page.keyboard.type('The match was moved to next week by the league.');
    await press(cancelBox.getByRole('button', { name: 'Call off the event' }));
    await expect
      .poll(() => page.getByTestId('planned-events-notice').textContent(), WAIT)
      .toBe(`“${DERBY}” was called off.`);
    await expect.poll(() => derbyItem().count(), WAIT).toBe(0);
    expect(await storedEvent()).toMatchObject({
      cancelReason: 'The match was moved to next week by the league.',
    });

    // Shown again, marked, when called-off events are asked for.
    await press(page.getByRole('checkbox', { name: 'Show called-off events' }), 'Space');
    await expect
      .poll(() => derbyItem().getByTestId('planned-event-cancelled').textContent(), WAIT)
      .toBe('Called off: The match was moved to next week by the league.');
  });
});
