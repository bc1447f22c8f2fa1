import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openDatabase } from '@vaka/db';
import { createTestUser } from '../support/accounts.ts';
import { buildReport } from '../support/factories.ts';
import { openConsoleSession, signInThroughForm, type ConsoleSession } from './console-session.ts';

/** Generous: the machine is small and shared, and every wait is on something visible. */
const WAIT = { timeout: 20_000 };

let session: ConsoleSession;
let secondContext: BrowserContext | undefined;
/** Two duty officers on the same shift, each at a console of their own. */
let first: Page;
let second: Page;
let incidentId: string;

beforeAll(async () => {
  session = await openConsoleSession(['duty_officer']);
  first = session.page;
  const database = await openDatabase({
    url: session.databaseUrl,
    dataDir: '/nonexistent',
    poolSize: 1,
  });
  const colleague = await createTestUser(database, ['duty_officer']);
  await database.close();
  secondContext = await session.browser.newContext({
    viewport: { width: 1280, height: 720 },
    locale: 'en-GB',
  });
  second = await secondContext.newPage();
  await second.goto(session.server.baseUrl);
  await signInThroughForm(second, colleague.username, colleague.password);
  await second.locator('[data-testid="connection-status"][data-status="live"]').waitFor(WAIT);

  const response = await fetch(`${session.server.baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...session.partner },
    body: JSON.stringify(
      buildReport({ title: 'Gas smell in the metro at Medborgarplatsen', severity: 'serious' }),
    ),
  });
  expect(response.status).toBe(201);
  incidentId = ((await response.json()) as { incidentId: string }).incidentId;
});

afterAll(async () => {
  await secondContext?.close();
  await session?.close();
});

const row = (page: Page) =>
  page.locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"]`);
const pane = (page: Page) => page.getByTestId('incident-pane');
const paneSeverity = (page: Page) =>
  pane(page).locator('.incident-pane__badges [data-severity]').getAttribute('data-severity');

/** Opens the incident from its row in the queue and waits until the pane shows it. */
async function openIncident(page: Page): Promise<void> {
  await row(page).locator('a').click(WAIT);
  await expect.poll(() => pane(page).getAttribute('data-incident-id'), WAIT).toBe(incidentId);
  await pane(page).getByTestId('incident-title').waitFor(WAIT);
}

function focusedRowId(page: Page): Promise<string | null> {
  return page.evaluate(
    () =>
      document.activeElement
        ?.closest('[data-testid="incident-row"]')
        ?.getAttribute('data-incident-id') ?? null,
  );
}

describe('two consoles on the same incident', () => {
  it("each sees the other's changes without a reload", async () => {
    await openIncident(first);
    await openIncident(second);
    expect(await focusedRowId(second)).toBe(incidentId);

    // The first acknowledges...
    await first.getByTestId('action-acknowledge').click();
    await first.getByTestId('action-submit').click();
    await expect.poll(() => pane(first).getAttribute('data-status'), WAIT).toBe('acknowledged');

    // ...and the second console shows it in the pane and the queue, keeping its keyboard on the row.
    await expect.poll(() => pane(second).getAttribute('data-status'), WAIT).toBe('acknowledged');
    expect(await second.getByTestId('incident-status').textContent()).toMatch(/acknowledged/i);
    await second
      .getByTestId('queue-inHand')
      .locator(`[data-incident-id="${incidentId}"]`)
      .waitFor(WAIT);
    expect(await row(second).getAttribute('data-status')).toBe('acknowledged');
    expect(await focusedRowId(second)).toBe(incidentId);
    const acknowledged = pane(second).locator(
      '[data-testid="timeline-item"][data-kind="incident.updated"]',
    );
    expect(await acknowledged.textContent()).toContain('Seen and assessed by the duty officer');

    // The second adds a note; the first sees it in its timeline.
    const note = 'Metro staff have closed the south exit; SL informed';
    await second.getByTestId('action-note').click();
    await second.getByTestId('note-text').fill(note);
    await second.getByTestId('action-submit').click();
    await first.getByTestId('timeline-item').filter({ hasText: note }).waitFor(WAIT);
    expect(
      await first.getByTestId('timeline-item').filter({ hasText: note }).getAttribute('data-kind'),
    ).toBe('note.added');
  });

  it('a change made on a state someone else has changed meanwhile is refused, and kept for a retry', async () => {
    // The second starts lowering the severity...
    await second.getByTestId('action-severity').click();
    const form = second.getByTestId('severity-form');
    await form.waitFor(WAIT);
    await form.getByLabel('Minor').check();
    await form.getByTestId('action-reason').fill('Only a faint smell left at the platform');

    // ...while the first raises it to critical.
    await first.getByTestId('action-severity').click();
    await first.getByTestId('severity-form').waitFor(WAIT);
    await first.keyboard.press('4');
    await expect.poll(() => row(first).getAttribute('data-severity'), WAIT).toBe('critical');

    await form.getByTestId('action-submit').click();
    const conflict = second.getByTestId('incident-conflict');
    await conflict.waitFor(WAIT);
    expect(await conflict.textContent()).toContain('Someone else changed this incident');
    expect(await conflict.textContent()).toMatch(
      /The server said: Someone changed .+ after you loaded it: look at it again and retry/,
    );
    // The pane shows what the first decided; what the second typed is still there.
    await expect.poll(() => paneSeverity(second), WAIT).toBe('critical');
    expect(await form.getByTestId('action-reason').inputValue()).toBe(
      'Only a faint smell left at the platform',
    );
    expect(await form.getByLabel('Minor').isChecked()).toBe(true);

    // Having seen it, the second sends again, and both consoles follow.
    await form.getByTestId('action-submit').click();
    await form.waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => paneSeverity(second), WAIT).toBe('minor');
    expect(await second.getByTestId('incident-conflict').count()).toBe(0);
    await expect.poll(() => paneSeverity(first), WAIT).toBe('minor');
    await expect.poll(() => row(first).getAttribute('data-severity'), WAIT).toBe('minor');
    const lowered = first
      .getByTestId('timeline-item')
      .filter({ hasText: 'Only a faint smell left at the platform' });
    expect(await lowered.textContent()).toContain('Critical → Minor');
  });
});
