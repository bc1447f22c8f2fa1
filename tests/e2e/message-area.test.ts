import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openDatabase } from '@vaka/db';
import { districtAt, type DistrictCollection, type PublicMessage } from '@vaka/domain';
import { createTestUser, signIn, type SignedIn } from '../support/accounts.ts';
import { openConsoleSession, type ConsoleSession } from './console-session.ts';

let session: ConsoleSession;
let page: Page;
/** A second communicator, who approves and publishes what the first one drew. */
let approver: SignedIn;

/** Generous: the machine is small and shared, and every wait is on something visible. */
const WAIT = { timeout: 20_000 };

beforeAll(async () => {
  session = await openConsoleSession(['communicator']);
  page = session.page;
  const database = await openDatabase({
    url: session.databaseUrl,
    dataDir: '/nonexistent',
    poolSize: 1,
  });
  const person = await createTestUser(database, ['communicator']);
  await database.close();
  approver = await signIn(session.server.baseUrl, person.username);
});

afterAll(() => session?.close());

/** Types into a field the way a person does: focus, select what is there, type over it. */
async function typeInto(field: Locator, text: string): Promise<void> {
  await field.focus();
  await field.page().keyboard.press('ControlOrMeta+A');
  await field.page().keyboard.type(text);
}

/** Presses a control with the keyboard. */
async function press(control: Locator, key = 'Enter'): Promise<void> {
  await control.focus();
  await control.page().keyboard.press(key);
}

/** Opens a new message in the editor, with the map of the area drawn. */
async function newMessage(): Promise<Locator> {
  await press(page.getByRole('link', { name: 'Public messages' }));
  await press(page.getByRole('link', { name: 'New message' }));
  const editor = page.getByTestId('message-editor');
  await editor.waitFor(WAIT);
  await editor.getByLabel('Bromma').waitFor(WAIT);
  await editor.locator('[data-testid="area-map"][data-map-state="ready"]').waitFor(WAIT);
  return editor;
}

/** What happened, in every language the city owes: the rest comes from the category's template. */
async function describeWhatHappened(editor: Locator, text: string): Promise<void> {
  for (const tab of [/^Svenska/, /^English/]) {
    await press(editor.getByRole('tab', { name: tab }));
    await typeInto(editor.getByLabel('What has happened'), text);
  }
}

const cornerField = (editor: Locator) =>
  editor.getByLabel('Corners (latitude, longitude per line)');
const cornerCount = (editor: Locator) => editor.getByTestId('area-corner-count');

/** The corners in the field, as numbers. */
async function cornersIn(editor: Locator): Promise<number[][]> {
  const text = await cornerField(editor).inputValue();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',').map((part) => Number(part.trim())));
}

/** The id of the message the page shows, from its address. */
function messageIdOfPage(): string {
  const id = /#\/messages\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (id === undefined) throw new Error(`no message in ${page.url()}`);
  return id;
}

async function latestVersion(messageId: string): Promise<PublicMessage> {
  const response = await fetch(`${session.server.baseUrl}/api/v1/messages/${messageId}`, {
    headers: approver.headers,
  });
  expect(response.status).toBe(200);
  const detail = (await response.json()) as { versions: PublicMessage[] };
  const latest = detail.versions[0];
  if (latest === undefined) throw new Error('the message has no version');
  return latest;
}

async function step(messageId: string, action: 'approve' | 'publish'): Promise<void> {
  const latest = await latestVersion(messageId);
  const response = await fetch(`${session.server.baseUrl}/api/v1/messages/${messageId}/${action}`, {
    method: 'POST',
    headers: { ...approver.changeHeaders, 'content-type': 'application/json' },
    body: JSON.stringify({ expectedUpdatedAt: latest.updatedAt }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** What the area map lets a test ask: where a place (latitude, longitude) is on the screen. */
interface AreaMapProbe {
  areaMap: { screenPointOf(corner: [number, number]): { x: number; y: number } | null };
}

/** The colour the map draws at a place, as red, green and blue. */
async function pixelAt(editor: Locator, place: [number, number]): Promise<number[]> {
  return editor.getByTestId('area-map').evaluate((container, at) => {
    const point = (container as unknown as AreaMapProbe).areaMap.screenPointOf(at);
    const canvas = container.querySelector('canvas');
    if (point === null || canvas === null) return [];
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d');
    if (context === null) return [];
    context.drawImage(canvas, 0, 0);
    const scale = canvas.width / canvas.clientWidth;
    const pixel = context.getImageData(
      Math.round(point.x * scale),
      Math.round(point.y * scale),
      1,
      1,
    ).data;
    return [...pixel].slice(0, 3);
  }, place);
}

/** Whether the map draws a corner's circle (yellow) at a corner, or something else there. */
async function colourAtCorner(editor: Locator, corner: [number, number]): Promise<string> {
  const [red = 0, green = 0, blue = 0] = await pixelAt(editor, corner);
  return red > 200 && green > 160 && blue < 120 ? 'yellow' : `rgb(${red}, ${green}, ${blue})`;
}

/** Where a place (latitude, longitude) is on the page, for the mouse. */
async function screenPointOf(
  editor: Locator,
  place: [number, number],
): Promise<{ x: number; y: number }> {
  const map = editor.getByTestId('area-map');
  const box = await map.boundingBox();
  const point = await map.evaluate(
    (container, at) => (container as unknown as AreaMapProbe).areaMap.screenPointOf(at),
    place,
  );
  if (box === null || point === null) throw new Error('the map is not drawn');
  return { x: box.x + point.x, y: box.y + point.y };
}

/** The city's districts, as the console loads them. */
async function cityDistricts(): Promise<DistrictCollection> {
  const response = await fetch(`${session.server.baseUrl}/api/v1/city/districts`, {
    headers: approver.headers,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as DistrictCollection;
}

/** The outer ring of a district of one polygon, as GeoJSON writes it: longitude first. */
function ringOf(districts: DistrictCollection, districtId: string): number[][] {
  const feature = districts.features.find((district) => district.properties.id === districtId);
  if (feature?.geometry.type !== 'Polygon') throw new Error(`no district ${districtId}`);
  return feature.geometry.coordinates[0] ?? [];
}

/**
 * A place (latitude, longitude) inside a district: the middle of its box when that lies in it,
 * else the first point of a grid over the box that does.
 */
function placeIn(districts: DistrictCollection, districtId: string): [number, number] {
  const ring = ringOf(districts, districtId);
  const lons = ring.map(([lon = 0]) => lon);
  const lats = ring.map(([, lat = 0]) => lat);
  const [west, east] = [Math.min(...lons), Math.max(...lons)];
  const [south, north] = [Math.min(...lats), Math.max(...lats)];
  const steps = [0.5, 0.4, 0.6, 0.3, 0.7];
  for (const x of steps) {
    for (const y of steps) {
      const place: [number, number] = [south + (north - south) * y, west + (east - west) * x];
      const found = districtAt(districts, { coordinates: { lat: place[0], lon: place[1] } });
      if (found?.id === districtId) return place;
    }
  }
  throw new Error(`no place found in ${districtId}`);
}

describe('the area of a public message', () => {
  it('is drawn by clicking corners on the map, saved, opened again, and sent as a closed CAP polygon', async () => {
    const editor = await newMessage();
    const map = editor.getByTestId('area-map');
    await map.scrollIntoViewIfNeeded();
    await expect.poll(() => map.getAttribute('data-idle'), WAIT).toBe('true');
    const box = await map.boundingBox();
    if (box === null) throw new Error('the map has no size');
    // A new message's map chooses districts; drawing is asked for.
    await editor.getByRole('button', { name: 'Draw an area' }).click();
    await editor.getByTestId('area-mode').getByText('Drawing an area.').waitFor(WAIT);

    // Two corners are not an area yet, and the console says so.
    const at = (x: number, y: number) =>
      page.mouse.click(box.x + box.width * x, box.y + box.height * y);
    await at(0.3, 0.3);
    await at(0.7, 0.3);
    await expect.poll(() => cornerCount(editor).textContent()).toBe('2 corners');
    expect(await editor.getByTestId('area-problem').textContent()).toBe(
      'An area needs at least 3 corners.',
    );
    expect(await editor.getByRole('button', { name: 'Finish area' }).isDisabled()).toBe(true);
    await at(0.7, 0.7);
    await at(0.3, 0.7);
    await expect.poll(() => cornerCount(editor).textContent()).toBe('4 corners');
    expect(await editor.getByTestId('area-problem').textContent()).toBe('');
    const drawn = await cornersIn(editor);
    expect(drawn).toHaveLength(4);
    // Clicked clockwise from the top left: north-west, north-east, south-east, south-west.
    const [nw, ne, se, sw] = drawn as [number[], number[], number[], number[]];
    expect(nw[0]).toBeCloseTo(ne[0] ?? 0, 5);
    expect(ne[1]).toBeGreaterThan(nw[1] ?? 0);
    expect(se[0]).toBeLessThan(ne[0] ?? 0);
    expect(sw[1]).toBeCloseTo(nw[1] ?? 0, 5);

    await editor.getByRole('button', { name: 'Finish area' }).click();
    await editor.getByTestId('area-status').getByText('4 corners · finished').waitFor(WAIT);
    // Once finished, a click on the map adds nothing.
    await at(0.5, 0.5);
    expect(await cornersIn(editor)).toEqual(drawn);

    await describeWhatHappened(editor, 'Brand i ett lager; röken driver österut.');
    await press(editor.getByRole('button', { name: 'Create draft' }));
    const messagePage = page.getByTestId('message-page');
    await messagePage.waitFor(WAIT);
    const messageId = messageIdOfPage();

    // Opened again from scratch, the draft shows the same four corners, finished.
    await page.reload();
    const reopened = page.getByTestId('message-editor');
    await reopened.locator('[data-testid="area-map"][data-map-state="ready"]').waitFor(WAIT);
    await reopened.getByTestId('area-status').getByText('4 corners · finished').waitFor(WAIT);
    expect(await cornersIn(reopened)).toEqual(drawn);
    expect((await latestVersion(messageId)).area.polygon).toEqual([...drawn, nw]);

    await press(
      page.getByTestId('message-page').getByRole('button', { name: 'Submit for review' }),
    );
    await page.getByTestId('message-status').first().getByText('In review').waitFor(WAIT);
    await step(messageId, 'approve');
    await step(messageId, 'publish');
    await page.getByTestId('message-status').first().getByText('Published').waitFor(WAIT);
    // The message page names the drawn area.
    expect(await page.getByTestId('message-area-drawn').textContent()).toBe(
      'a drawn area with 4 corners',
    );

    const cap = await fetch(
      `${session.server.baseUrl}/api/v1/messages/${messageId}/versions/1/cap`,
      { headers: approver.headers },
    );
    expect(cap.status).toBe(200);
    const polygons = [...(await cap.text()).matchAll(/<polygon>([^<]*)<\/polygon>/g)].map(
      (match) => match[1],
    );
    // One polygon in each language's <info>, the corners in order and closed: first = last.
    expect(polygons.length).toBeGreaterThan(0);
    const closedRing = [...drawn, nw].map(([lat, lon]) => `${lat},${lon}`).join(' ');
    for (const polygon of polygons) expect(polygon).toBe(closedRing);
  });

  it('is typed by keyboard as corners a line each, the wrong line named, and drawn on the map', async () => {
    const editor = await newMessage();
    await press(editor.getByRole('button', { name: 'Draw an area' }));
    expect(
      await editor.getByRole('button', { name: 'Draw an area' }).getAttribute('aria-pressed'),
    ).toBe('true');
    // On the focused map, Enter sets a corner at its centre and the arrow keys move the map.
    await press(editor.getByTestId('area-map').locator('canvas'));
    await expect.poll(() => cornerCount(editor).textContent()).toBe('1 corner');
    for (let moves = 0; moves < 5; moves += 1) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => cornerCount(editor).textContent()).toBe('2 corners');
    const [first, second] = (await cornersIn(editor)) as [number[], number[]];
    expect(second[1]).toBeGreaterThan(first[1] ?? 0);
    await press(editor.getByRole('button', { name: 'Clear area' }));
    await expect.poll(() => cornerCount(editor).textContent()).toBe('No area drawn');
    expect(await cornerField(editor).inputValue()).toBe('');

    const field = cornerField(editor);
    await typeInto(field, '59.3405, 17.93\n59.3405 17.95\nBromma kyrka\n59.33, 17.95');
    const errors = editor.getByTestId('area-line-errors');
    await errors
      .getByText('Line 3: “Bromma kyrka” is not a latitude and a longitude.')
      .waitFor(WAIT);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    // The map keeps the last shape that could be read: the first two corners.
    expect(await cornerCount(editor).textContent()).toBe('2 corners');

    // A bow tie: its sides cross.
    await typeInto(field, '59.3405, 17.93\n59.3405, 17.95\n59.33, 17.93\n59.33, 17.95');
    await expect.poll(() => errors.count()).toBe(0);
    await expect
      .poll(() => editor.getByTestId('area-problem').textContent())
      .toBe(
        'The side from corner 2 and the side from corner 4 cross; the sides of an area must not cross.',
      );
    await typeInto(field, '59.3405, 17.93\n59.3405, 17.95\n59.33, 17.95\n59.33, 17.93');
    await expect.poll(() => cornerCount(editor).textContent()).toBe('4 corners');
    expect(await editor.getByTestId('area-problem').textContent()).toBe('');
    await press(editor.getByRole('button', { name: 'Finish area' }));
    await editor.getByTestId('area-status').getByText('4 corners · finished').waitFor(WAIT);
    // The typed corners are drawn on the map: the first one's yellow circle is where it says.
    await editor.getByTestId('area-map').scrollIntoViewIfNeeded();
    await expect.poll(() => colourAtCorner(editor, [59.3405, 17.93]), WAIT).toEqual('yellow');

    // Undo by keyboard takes the last corner off, in the field too.
    await press(editor.getByRole('button', { name: 'Undo last corner' }));
    await expect
      .poll(() => field.inputValue())
      .toBe('59.3405, 17.93\n59.3405, 17.95\n59.33, 17.95');
    await field.press('End');
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('\n59.33, 17.93');
    await expect.poll(() => cornerCount(editor).textContent()).toBe('4 corners');

    await describeWhatHappened(editor, 'Strömavbrott i Bromma.');
    await press(editor.getByRole('button', { name: 'Create draft' }));
    await page.getByTestId('message-page').waitFor(WAIT);
    const messageId = messageIdOfPage();
    await page.reload();
    const reopened = page.getByTestId('message-editor');
    await reopened.getByTestId('area-status').getByText('4 corners · finished').waitFor(WAIT);
    expect(await cornerField(reopened).inputValue()).toBe(
      '59.3405, 17.93\n59.3405, 17.95\n59.33, 17.95\n59.33, 17.93',
    );
    expect((await latestVersion(messageId)).area.polygon).toEqual([
      [59.3405, 17.93],
      [59.3405, 17.95],
      [59.33, 17.95],
      [59.33, 17.93],
      [59.3405, 17.93],
    ]);
  });

  it('is chosen by clicking districts on the map, in step with the checkboxes, and sent as their geocodes and outlines', async () => {
    const editor = await newMessage();
    const map = editor.getByTestId('area-map');
    await map.scrollIntoViewIfNeeded();
    await expect.poll(() => map.getAttribute('data-idle'), WAIT).toBe('true');
    // A new message's map chooses districts, and says so.
    expect(
      await editor.getByRole('button', { name: 'Choose districts' }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await editor.getByTestId('area-mode').textContent()).toBe('Choosing districts.');
    const districts = await cityDistricts();
    const bromma = placeIn(districts, 'bromma');
    const kungsholmen = placeIn(districts, 'kungsholmen');
    const checkbox = (name: string) => editor.getByRole('checkbox', { name, exact: true });
    const chosen = editor.getByTestId('area-chosen');
    const announcement = editor.getByTestId('area-announcement');
    expect(await chosen.textContent()).toBe('No districts chosen');

    // Pointing at a district names it, and the pointer shows it can be clicked.
    const atBromma = await screenPointOf(editor, bromma);
    await page.mouse.move(atBromma.x, atBromma.y);
    const hoverName = map.locator('.message-area__hover-name');
    await expect.poll(() => hoverName.isVisible(), WAIT).toBe(true);
    expect(await hoverName.textContent()).toBe('Bromma');
    expect(await map.locator('canvas').evaluate((canvas) => canvas.style.cursor)).toBe('pointer');

    await page.mouse.click(atBromma.x, atBromma.y);
    await expect.poll(() => checkbox('Bromma').isChecked()).toBe(true);
    expect(await announcement.textContent()).toBe('Bromma chosen');
    const atKungsholmen = await screenPointOf(editor, kungsholmen);
    await page.mouse.click(atKungsholmen.x, atKungsholmen.y);
    await expect.poll(() => checkbox('Kungsholmen').isChecked()).toBe(true);
    expect(await checkbox('Bromma').isChecked()).toBe(true);
    expect(await chosen.textContent()).toBe('Districts chosen: Bromma, Kungsholmen');
    expect(await announcement.textContent()).toBe('Kungsholmen chosen');
    // The clicks chose districts; they drew nothing.
    expect(await cornerCount(editor).textContent()).toBe('No area drawn');

    // A second click on a chosen district removes it.
    await page.mouse.click(atBromma.x, atBromma.y);
    await expect.poll(() => checkbox('Bromma').isChecked()).toBe(false);
    expect(await announcement.textContent()).toBe('Bromma removed');
    expect(await chosen.textContent()).toBe('Districts chosen: Kungsholmen');
    expect(await checkbox('Kungsholmen').isChecked()).toBe(true);
    // The chosen district is filled (blue), the removed one not.
    await expect
      .poll(async () => {
        const [, , chosenBlue = 0] = await pixelAt(editor, kungsholmen);
        const [, , removedBlue = 0] = await pixelAt(editor, bromma);
        return chosenBlue - removedBlue;
      }, WAIT)
      .toBeGreaterThan(20);

    await describeWhatHappened(editor, 'Vattenläcka på Kungsholmen.');
    await press(editor.getByRole('button', { name: 'Create draft' }));
    await page.getByTestId('message-page').waitFor(WAIT);
    const messageId = messageIdOfPage();
    expect((await latestVersion(messageId)).area).toMatchObject({ districtIds: ['kungsholmen'] });
    expect((await latestVersion(messageId)).area.polygon).toBeUndefined();

    // Opened again from scratch, the draft has Kungsholmen chosen, on the map and in the list.
    await page.reload();
    const reopened = page.getByTestId('message-editor');
    await reopened.locator('[data-testid="area-map"][data-map-state="ready"]').waitFor(WAIT);
    await reopened
      .getByTestId('area-chosen')
      .getByText('Districts chosen: Kungsholmen')
      .waitFor(WAIT);
    expect(
      await reopened.getByRole('checkbox', { name: 'Kungsholmen', exact: true }).isChecked(),
    ).toBe(true);
    expect(await reopened.getByRole('checkbox', { name: 'Bromma', exact: true }).isChecked()).toBe(
      false,
    );

    await press(
      page.getByTestId('message-page').getByRole('button', { name: 'Submit for review' }),
    );
    await page.getByTestId('message-status').first().getByText('In review').waitFor(WAIT);
    await step(messageId, 'approve');
    await step(messageId, 'publish');
    await page.getByTestId('message-status').first().getByText('Published').waitFor(WAIT);
    await page
      .getByTestId('message-area-summary')
      .getByText('Districts: Kungsholmen')
      .waitFor(WAIT);

    const cap = await fetch(
      `${session.server.baseUrl}/api/v1/messages/${messageId}/versions/1/cap`,
      { headers: approver.headers },
    );
    expect(cap.status).toBe(200);
    const xml = await cap.text();
    const geocodes = [
      ...xml.matchAll(
        /<geocode>\s*<valueName>([^<]*)<\/valueName>\s*<value>([^<]*)<\/value>\s*<\/geocode>/g,
      ),
    ].map((match) => `${match[1]}=${match[2]}`);
    const polygons = [...xml.matchAll(/<polygon>([^<]*)<\/polygon>/g)].map((match) => match[1]);
    // One geocode and one polygon in each language's <info>: Kungsholmen's, never Bromma's.
    expect(geocodes.length).toBeGreaterThan(0);
    for (const geocode of geocodes) expect(geocode).toBe('vaka-district=kungsholmen');
    expect(polygons).toHaveLength(geocodes.length);
    const outline = ringOf(districts, 'kungsholmen')
      .map(([lon, lat]) => `${lat},${lon}`)
      .join(' ');
    for (const polygon of polygons) expect(polygon).toBe(outline);
  });

  it('chooses and removes the district at the centre of the focused map with Enter, announced', async () => {
    const editor = await newMessage();
    const announcement = editor.getByTestId('area-announcement');
    expect(await announcement.getAttribute('aria-live')).toBe('polite');
    await press(editor.getByTestId('area-map').locator('canvas'));
    await expect.poll(() => announcement.textContent(), WAIT).toMatch(/^.+ chosen$/);
    const name = ((await announcement.textContent()) ?? '').replace(/ chosen$/, '');
    expect(await editor.getByRole('checkbox', { name, exact: true }).isChecked()).toBe(true);
    expect(await editor.getByTestId('area-chosen').textContent()).toBe(`Districts chosen: ${name}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => announcement.textContent()).toBe(`${name} removed`);
    expect(await editor.getByRole('checkbox', { name, exact: true }).isChecked()).toBe(false);
    expect(await cornerCount(editor).textContent()).toBe('No area drawn');
  });
});
