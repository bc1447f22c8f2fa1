import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildReport } from '../support/factories.ts';
import { openConsoleSession, type ConsoleSession } from './console-session.ts';

let session: ConsoleSession;
let page: Page;
let fieldLayout: { dayFirst: boolean; twelveHour: boolean };

beforeAll(async () => {
  session = await openConsoleSession(['duty_officer']);
  page = session.page;
  fieldLayout = await nativeFieldLayout();
});

afterAll(() => session?.close());

/** Generous: the machine is small and shared, and every wait is on something visible. */
const WAIT = { timeout: 20_000 };

async function postReport(report: Parameters<typeof buildReport>[0]): Promise<string> {
  const response = await fetch(`${session.server.baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...session.partner },
    body: JSON.stringify(buildReport(report)),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { incidentId: string }).incidentId;
}

const row = (incidentId: string) =>
  page.locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"]`);
const pane = () => page.getByTestId('incident-pane');
const timelineItem = (kind: string) =>
  pane().locator(`[data-testid="timeline-item"][data-kind="${kind}"]`);

/** The incident whose queue row has the keyboard, if one has. */
function focusedRowId(): Promise<string | null> {
  return page.evaluate(
    () =>
      document.activeElement
        ?.closest('[data-testid="incident-row"]')
        ?.getAttribute('data-incident-id') ?? null,
  );
}

/** The test id of the element with the keyboard, or of the nearest element around it that has one. */
function focusedTestId(): Promise<string | null> {
  return page.evaluate(
    () => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
  );
}

/** The timeline item that has the keyboard, by its sequence number. */
async function focusedTimelineSeq(): Promise<number | null> {
  const seq = await page.evaluate(
    () =>
      document.activeElement?.closest('[data-testid="timeline-item"]')?.getAttribute('data-seq') ??
      null,
  );
  return seq === null ? null : Number(seq);
}

/** RFC 4180: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      cells.push(cell);
      rows.push(cells);
      cells = [];
      cell = '';
      index += 1;
    } else cell += char;
  }
  if (cell !== '' || cells.length > 0) rows.push([...cells, cell]);
  return rows;
}

/**
 * How this Chromium lays out its native date and time fields. It follows the browser's own
 * language rather than the page's, so the test asks instead of assuming: it types into throwaway
 * fields and reads what they made of it.
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
  if (date !== '2003-02-01' && date !== '2003-01-02') {
    throw new Error(`this Chromium's date fields read 01022003 as ${date}: type for that layout`);
  }
  const time = await typed('time', '0930');
  return { dayFirst: date === '2003-02-01', twelveHour: time === '' };
}

/** Types a moment into the focused datetime-local field, in the city's time, by keyboard. */
async function typeCityTime(at: Date, timeZone: string): Promise<void> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
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
  // Day and month move on by themselves after two digits; a year takes up to six, so → ends it.
  await page.keyboard.type(
    fieldLayout.dayFirst ? part('day') + part('month') : part('month') + part('day'),
  );
  await page.keyboard.type(part('year'));
  await page.keyboard.press('ArrowRight');
  if (fieldLayout.twelveHour) {
    await page.keyboard.type(String(hour % 12 === 0 ? 12 : hour % 12).padStart(2, '0'));
    await page.keyboard.type(part('minute'));
    await page.keyboard.type(hour < 12 ? 'A' : 'P');
  } else {
    await page.keyboard.type(part('hour') + part('minute'));
  }
}

describe('a phone report from arrival to closed, by keyboard alone', () => {
  it('is triaged, worked, noted, flagged, corrected and closed, and its journal tells it in order', async () => {
    // Another incident is in the queue already, so j and k have somewhere to go.
    await postReport({ title: 'Street light out on Ringvägen', severity: 'minor' });
    await page.getByTestId('incident-row').first().waitFor(WAIT);

    // The call: n opens the report form with the title focused; Enter sends it.
    await page.keyboard.press('n');
    const titleId = await page.getByLabel('Title').getAttribute('id', WAIT);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('id') ?? null))
      .toBe(titleId);
    await page.keyboard.type('Water pouring from a burst main on Folkungagatan');
    await page.keyboard.press('Tab'); // category
    await page.keyboard.press('Tab'); // severity
    await page.keyboard.press('Tab'); // address
    await page.keyboard.type('Folkungagatan 44, Stockholm');
    await page.keyboard.press('Enter');

    const newRow = page
      .getByTestId('queue-triage')
      .getByTestId('incident-row')
      .filter({ hasText: 'Water pouring from a burst main on Folkungagatan' });
    await newRow.waitFor(WAIT);
    const incidentId = await newRow.getAttribute('data-incident-id');
    if (incidentId === null) throw new Error('the new row names no incident');
    const otherId = await page
      .getByTestId('incident-row')
      .filter({ hasText: 'Street light out on Ringvägen' })
      .getAttribute('data-incident-id');

    // Esc leaves the report form; j and k walk the queue, newest first; Enter opens.
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    await expect.poll(focusedRowId).toBe(incidentId);
    await page.keyboard.press('j');
    await expect.poll(focusedRowId).toBe(otherId);
    await page.keyboard.press('k');
    await expect.poll(focusedRowId).toBe(incidentId);
    await page.keyboard.press('Enter');
    await expect.poll(() => pane().getAttribute('data-incident-id'), WAIT).toBe(incidentId);
    await expect.poll(() => pane().getAttribute('data-status'), WAIT).toBe('new');
    expect(await page.getByTestId('incident-title').textContent()).toBe(
      'Water pouring from a burst main on Folkungagatan',
    );
    expect(await row(incidentId).getAttribute('data-selected')).toBe('true');

    // a: acknowledge with the reason offered; Enter sends it.
    await page.keyboard.press('a');
    await page.getByTestId('transition-form').waitFor(WAIT);
    expect(await page.getByTestId('action-reason').inputValue()).toBe(
      'Seen and assessed by the duty officer',
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => pane().getAttribute('data-status'), WAIT).toBe('acknowledged');
    expect(await page.getByTestId('incident-status').textContent()).toMatch(/acknowledged/i);
    await page
      .getByTestId('queue-inHand')
      .locator(`[data-incident-id="${incidentId}"]`)
      .waitFor(WAIT);
    expect(
      await page.getByTestId('queue-triage').locator(`[data-incident-id="${incidentId}"]`).count(),
    ).toBe(0);
    await page.getByTestId('transition-form').waitFor({ state: 'detached', ...WAIT });
    await expect.poll(focusedRowId).toBe(incidentId);

    // t: a note, written now about something that happened two hours ago.
    const cityResponse = await page.request.get(`${session.server.baseUrl}/api/v1/city`);
    const city = (await cityResponse.json()) as { timeZone: string };
    const happenedAt = new Date(Math.floor((Date.now() - 2 * 3_600_000) / 60_000) * 60_000);
    const noteText = 'Caller saw the water first at the school gate; the caretaker shut the valve';
    await page.keyboard.press('t');
    await page.getByTestId('note-form').waitFor(WAIT);
    expect(await focusedTestId()).toBe('note-text');
    await page.keyboard.type(noteText);
    await page.keyboard.press('Tab');
    expect(await focusedTestId()).toBe('action-event-time');
    await typeCityTime(happenedAt, city.timeZone);
    expect(await page.getByTestId('action-event-time').inputValue()).not.toBe('');
    await page.keyboard.press('Control+Enter');
    const note = timelineItem('note.added');
    await note.waitFor(WAIT);
    expect(await note.textContent()).toContain(noteText);
    expect(await note.locator('time').textContent()).toMatch(/^happened .+, written .+$/);
    await page.getByTestId('note-form').waitFor({ state: 'detached', ...WAIT });

    // e then 4: critical at once.
    await page.keyboard.press('e');
    await page.getByTestId('severity-form').waitFor(WAIT);
    await page.keyboard.press('4');
    await expect.poll(() => row(incidentId).getAttribute('data-severity'), WAIT).toBe('critical');
    await expect
      .poll(() =>
        pane().locator('.incident-pane__badges [data-severity]').getAttribute('data-severity'),
      )
      .toBe('critical');
    await page.getByTestId('severity-form').waitFor({ state: 'detached', ...WAIT });

    // The note is not the newest item any more: Tab into the timeline, ↓ to the note, f.
    const noteSeq = Number(await note.getAttribute('data-seq'));
    for (let presses = 0; presses < 60; presses += 1) {
      if ((await focusedTestId()) === 'timeline-item') break;
      await page.keyboard.press('Tab');
    }
    expect(await focusedTestId()).toBe('timeline-item');
    for (let presses = 0; presses < 10; presses += 1) {
      if ((await focusedTimelineSeq()) === noteSeq) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('f');
    await page.getByTestId('flag-form').waitFor(WAIT);
    expect(await page.getByTestId('flag-form').textContent()).toContain(`#${noteSeq}`);
    expect(await focusedTestId()).toBe('flag-key-event');
    await page.keyboard.press('Space');
    await page.keyboard.press('Control+Enter');
    await note.getByTestId('badge-key-event').waitFor(WAIT);
    expect(await note.getAttribute('data-key-event')).toBe('true');
    await page.getByTestId('flag-form').waitFor({ state: 'detached', ...WAIT });
    await expect.poll(focusedTimelineSeq).toBe(noteSeq);

    // r corrects the item that has the keyboard: still the note.
    const correctionText =
      'Caller saw the water first at the school gate; the caretaker could not shut the valve';
    await page.keyboard.press('r');
    await page.getByTestId('correct-form').waitFor(WAIT);
    expect(await page.getByTestId('correct-form').textContent()).toContain(`#${noteSeq}`);
    expect(await page.getByTestId('correct-text').inputValue()).toBe(noteText);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(correctionText);
    await page.keyboard.press('Control+Enter');
    const correction = pane().locator(`[data-testid="timeline-item"][data-corrects="${noteSeq}"]`);
    await correction.waitFor(WAIT);
    expect(await correction.textContent()).toContain(correctionText);
    await expect.poll(() => note.getAttribute('data-corrected')).toBe('true');
    expect(await note.getByTestId('badge-corrected').textContent()).toContain(
      `#${await correction.getAttribute('data-seq')}`,
    );
    expect(await note.textContent()).toContain(noteText);
    await page.getByTestId('correct-form').waitFor({ state: 'detached', ...WAIT });

    // s: a unit has it.
    await page.keyboard.press('s');
    await page.getByTestId('transition-form').waitFor(WAIT);
    await page.keyboard.press('Enter');
    await expect.poll(() => pane().getAttribute('data-status'), WAIT).toBe('in_progress');
    await page.getByTestId('transition-form').waitFor({ state: 'detached', ...WAIT });

    // c: close, saying why.
    const closeReason = 'Stockholm Vatten repaired the main; street reopened';
    await page.keyboard.press('c');
    await page.getByTestId('transition-form').waitFor(WAIT);
    expect(await focusedTestId()).toBe('action-reason');
    await page.keyboard.type(closeReason);
    await page.keyboard.press('Enter');
    await expect.poll(() => pane().getAttribute('data-status'), WAIT).toBe('closed');
    await row(incidentId).waitFor({ state: 'detached', ...WAIT });

    // The journal of the incident, downloaded from its pane, tells every step in order.
    await pane().getByTestId('journal-export-csv').focus();
    const [download] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.keyboard.press('Enter'),
    ]);
    const exported = await readFile((await download.path()) ?? '', 'utf8');
    const [header, ...lines] = parseCsv(exported.replace(/^\uFEFF/, ''));
    if (header === undefined) throw new Error('the export is empty');
    const column = (name: string) => header.indexOf(name);
    const steps = lines.map((cells) => ({
      seq: Number(cells[column('seq')]),
      kind: cells[column('kind')],
      eventAt: cells[column('event_at')],
      summary: cells[column('summary')] ?? '',
      data: JSON.parse(cells[column('data')] ?? '{}') as Record<string, unknown>,
    }));
    expect(steps.map((step) => step.kind)).toEqual([
      'incident.opened',
      'report.received',
      'incident.updated',
      'note.added',
      'incident.updated',
      'entry.flagged',
      'entry.corrected',
      'incident.updated',
      'incident.updated',
    ]);
    const [opened, received, acknowledged, noted, severity, flagged, corrected, started, closed] =
      steps;
    expect(opened?.summary).toContain('Water pouring from a burst main on Folkungagatan');
    expect(received?.summary).toContain('Water pouring from a burst main on Folkungagatan');
    expect(acknowledged?.summary).toMatch(/acknowledged.*Seen and assessed by the duty officer/);
    expect(noted?.summary).toBe(noteText);
    expect(noted?.seq).toBe(noteSeq);
    expect(noted?.eventAt).toBe(happenedAt.toISOString());
    expect(severity?.summary).toMatch(/severity \S+ → critical/);
    expect(flagged?.summary).toBe(`Entry ${noteSeq}: key event on`);
    expect(corrected?.summary).toBe(`Correction of entry ${noteSeq}: ${correctionText}`);
    expect(started?.summary).toMatch(/in_progress.*A unit is handling it/);
    expect(closed?.summary).toMatch(new RegExp(`closed.*${closeReason}`));

    // And the journal, chained by hashes, still verifies.
    const verification = await page.request.get(`${session.server.baseUrl}/api/v1/journal/verify`);
    expect(await verification.json()).toMatchObject({ ok: true });
  });
});

describe('a duplicate', () => {
  it('is merged into the incident it repeats, from the suggestions, and split back out', async () => {
    const firstTitle = 'Water main burst on Ringvägen, water over the road';
    const secondTitle = 'Ringvägen flooded: water main burst by the bus stop';
    const firstId = await postReport({
      title: firstTitle,
      category: 'utility_water',
      location: { address: 'Ringvägen 100', coordinates: { lat: 59.315, lon: 18.072 } },
    });
    const secondId = await postReport({
      title: secondTitle,
      category: 'utility_water',
      location: { address: 'Ringvägen 102', coordinates: { lat: 59.3152, lon: 18.0725 } },
    });
    await row(secondId).click(WAIT);
    await expect.poll(() => pane().getAttribute('data-incident-id'), WAIT).toBe(secondId);
    await expect.poll(() => pane().getAttribute('data-status'), WAIT).toBe('new');
    // Before anyone asks, the pane says which open incident this report likely repeats.
    await pane()
      .locator(`[data-testid="duplicate-hint-item"][data-incident-id="${firstId}"]`)
      .waitFor(WAIT);

    // m: the picker offers the first report's incident, saying why it looks the same.
    await page.keyboard.press('m');
    const form = page.getByTestId('merge-form');
    await form.waitFor(WAIT);
    expect(await focusedTestId()).toBe('merge-search');
    const suggestion = form.locator(`[data-testid="merge-choice"][data-incident-id="${firstId}"]`);
    await suggestion.waitFor(WAIT);
    const reasons = await suggestion.getByTestId('merge-reasons').textContent();
    expect(reasons).toContain('same category');
    expect(reasons).toMatch(/\b\d+ m away\b/);
    expect(reasons).toMatch(/similar words: .*(water|main|burst|ringvägen)/i);
    expect(await form.getByTestId('merge-choice').first().getAttribute('data-incident-id')).toBe(
      firstId,
    );

    // The first suggestion is the active one: Enter picks it, and the reason is next.
    await page.keyboard.press('Enter');
    await expect
      .poll(() => form.getByTestId('merge-chosen').textContent())
      .toBe(`Merge into “${firstTitle}”`);
    expect(await focusedTestId()).toBe('action-reason');
    await page.keyboard.type('Same burst main, reported twice');
    await page.keyboard.press('Enter');

    // The duplicate leaves the queue; the work goes on in the first, which has both reports.
    await row(secondId).waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => pane().getAttribute('data-incident-id'), WAIT).toBe(firstId);
    await expect.poll(() => pane().getByTestId('report-item').count(), WAIT).toBe(2);
    await expect.poll(() => row(firstId).textContent()).toContain('Reports: 2');
    const merged = timelineItem('incident.merged');
    await merged.waitFor(WAIT);
    expect(await merged.textContent()).toContain(`“${secondTitle}” merged into this incident`);
    expect(await merged.textContent()).toContain('Same burst main, reported twice');
    const moved = pane().getByTestId('report-item').filter({ hasText: secondTitle });
    const provenance = await moved.getByTestId('report-provenance').textContent();
    expect(provenance).toContain(`Arrived in “${secondTitle}”`);
    expect(provenance).toContain(`Came with “${secondTitle}” when it was merged in`);

    // x: the report goes back out, into an incident of its own.
    await page.keyboard.press('x');
    const split = page.getByTestId('split-form');
    await split.waitFor(WAIT);
    await split.getByTestId('split-choice').filter({ hasText: secondTitle }).click();
    await split.getByTestId('action-reason').fill('A second burst, 40 m further on');
    await split.getByTestId('action-reason').press('Enter');
    await expect
      .poll(() => page.getByTestId('incident-notice').textContent(), WAIT)
      .toContain('Split out into the new incident');
    await expect.poll(() => pane().getByTestId('report-item').count(), WAIT).toBe(1);
    expect(await timelineItem('incident.split').textContent()).toContain('A second burst');

    const splitRow = page
      .getByTestId('incident-row')
      .filter({ hasText: secondTitle })
      .and(page.locator(`:not([data-incident-id="${secondId}"])`));
    await splitRow.waitFor(WAIT);
    const splitId = await splitRow.getAttribute('data-incident-id');
    expect(splitId).not.toBe(firstId);
    await page.getByTestId('incident-notice').getByRole('link').click();
    await expect.poll(() => pane().getAttribute('data-incident-id'), WAIT).toBe(splitId);
    await expect.poll(() => pane().getByTestId('report-item').count(), WAIT).toBe(1);
    expect(await pane().getByTestId('report-item').textContent()).toContain(secondTitle);
    expect(await pane().getByTestId('report-provenance').textContent()).toContain(
      `Split out of “${firstTitle}”`,
    );
  });
});

describe('the list of keys', () => {
  it('opens on ?, in the language the duty officer chose, and Esc closes it where they were', async () => {
    await page.getByLabel('Language').selectOption('sv');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('sv');
    const firstRow = page.getByTestId('incident-row').first();
    const rowId = await firstRow.getAttribute('data-incident-id');
    await firstRow.locator('a').focus();

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Tangentbord' });
    await help.waitFor(WAIT);
    expect(await help.getAttribute('data-testid')).toBe('key-help');
    const acknowledge = help.locator('[data-command="acknowledge"]');
    expect(await acknowledge.locator('kbd').allTextContents()).toEqual(['a']);
    expect(await acknowledge.locator('dd').textContent()).toBe('Kvittera');
    expect(await help.locator('[data-command="merge"] dd').textContent()).toBe(
      'Slå ihop med en annan händelse',
    );
    // While it is open, the other keys do nothing.
    await page.keyboard.press('j');
    expect(await focusedRowId()).toBeNull();

    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached', ...WAIT });
    await expect.poll(focusedRowId).toBe(rowId);
  });
});
