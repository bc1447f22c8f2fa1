import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openDatabase } from '@vaka/db';
import type { SituationReport } from '@vaka/domain';
import { TEST_PASSWORD, createTestUser, signIn, type SignedIn } from '../support/accounts.ts';
import { openConsoleSession, signInThroughForm, type ConsoleSession } from './console-session.ts';

// A duty officer drafts a situation report and edits its situation; a member of the crisis
// leadership approves it in their own console; it is listed as report 1, its PDF holds the
// approved text, and it prints as a document without the console around it. Corrected, it is a
// new draft, which two duty officers change at once without losing either change.

let session: ConsoleSession;
let page: Page;
/** The member of the crisis leadership who approves the report. */
let leaderUsername: string;
/** A second duty officer, changing a draft over the API while the console has it open. */
let colleague: SignedIn;

/** Generous: the machine is small and shared, and every wait is on something visible. */
const WAIT = { timeout: 20_000 };
const SITUATION =
  'Stormen Gudrun har fällt träd över vägar i Bromma och Hässelby. Elavbrott för 4 200 hushåll.';

beforeAll(async () => {
  session = await openConsoleSession(['duty_officer']);
  page = session.page;
  const database = await openDatabase({
    url: session.databaseUrl,
    dataDir: '/nonexistent',
    poolSize: 1,
  });
  leaderUsername = (await createTestUser(database, ['leadership'])).username;
  const colleagueUsername = (await createTestUser(database, ['duty_officer'])).username;
  await database.close();
  colleague = await signIn(session.server.baseUrl, colleagueUsername);
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

/** What this test uses of pdfjs-dist: a document's pages and the text on them. */
interface PdfReader {
  getDocument(source: { data: Uint8Array }): { promise: Promise<PdfDocument> };
}
interface PdfDocument {
  readonly numPages: number;
  getPage(number: number): Promise<{
    getTextContent(): Promise<{ items: ReadonlyArray<{ readonly str?: string }> }>;
  }>;
  destroy(): Promise<void>;
}

/** The text of every page of a PDF document, read as a PDF reader would. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  // NOTE: pdfjs-dist is a development dependency of the server, which makes the PDF; it is
  // resolved from there rather than added to the repository root a second time.
  const fromServer = createRequire(new URL('../../apps/server/package.json', import.meta.url));
  const pdfjs = (await import(fromServer.resolve('pdfjs-dist/legacy/build/pdf.mjs'))) as PdfReader;
  const document = await pdfjs.getDocument({ data: bytes }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => item.str ?? '').join(' '));
  }
  await document.destroy();
  return pages.join('\n');
}

describe('situation reports', () => {
  it('a duty officer drafts a report and edits its situation; leadership approves it; it is report 1, in its PDF, and prints as a document', async () => {
    await press(page.getByRole('link', { name: 'Situation reports' }));
    await page.getByText('No situation reports yet.').waitFor(WAIT);
    await press(page.getByRole('link', { name: 'New situation report' }));
    // The city's first language is offered first.
    const language = page.getByLabel('Language of the report');
    await language.waitFor(WAIT);
    expect(await language.inputValue()).toBe('sv');
    await press(page.getByRole('button', { name: 'Draft the report' }));

    const editor = page.getByTestId('report-editor');
    await editor.waitFor(WAIT);
    for (const label of [
      'The situation',
      'Consequences',
      'Actions taken',
      'Communication to the public',
      'Needs and resources',
      'Outlook',
    ]) {
      await editor.getByLabel(label, { exact: true }).waitFor();
    }
    await typeInto(editor.getByLabel('The situation', { exact: true }), SITUATION);
    // A reload before saving loses nothing: the browser asks first, and what was typed comes
    // back, said so.
    let asked = false;
    page.once('dialog', (dialog) => {
      asked = dialog.type() === 'beforeunload';
      void dialog.accept();
    });
    await page.reload();
    expect(asked).toBe(true);
    await editor
      .getByTestId('report-notice')
      .getByText('What you had typed and not saved is back.', { exact: false })
      .waitFor(WAIT);
    expect(await editor.getByLabel('The situation', { exact: true }).inputValue()).toBe(SITUATION);
    await press(editor.getByRole('button', { name: 'Save' }));
    await editor.getByTestId('report-notice').getByText('Saved.').waitFor(WAIT);

    const leader = await session.browser.newPage({
      viewport: { width: 1920, height: 1080 },
      locale: 'en-GB',
    });
    try {
      await leader.goto(`${session.server.baseUrl}/#/situation-reports`);
      await signInThroughForm(leader, leaderUsername, TEST_PASSWORD);
      const draftRow = leader.getByTestId('situation-report-row').filter({ hasText: 'Draft' });
      await press(draftRow.getByRole('link', { name: 'Draft' }));
      const draft = leader.getByTestId('report-document');
      await draft.getByText(SITUATION).waitFor(WAIT);
      // The document is in the report's language, Swedish, though the console is in English.
      await draft.getByRole('heading', { name: 'Läget' }).waitFor();
      await draft.getByTestId('report-draft-mark').getByText('UTKAST — inte godkänd').waitFor();
      // Leadership reads a draft; it does not edit it.
      expect(await leader.getByRole('link', { name: 'Edit' }).count()).toBe(0);
      await press(leader.getByRole('button', { name: 'Approve' }));
      await leader
        .getByTestId('situation-report-notice')
        .getByText('Approved as report 1, version 1.')
        .waitFor(WAIT);
      await draft.getByRole('heading', { name: 'Lägesrapport 1 (version 1)' }).waitFor(WAIT);
      expect(await leader.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    } finally {
      await leader.close();
    }

    // The duty officer's console follows it live: the list shows report 1, approved.
    await press(page.getByRole('link', { name: 'All situation reports' }));
    const row = page.getByTestId('situation-report-row').filter({ hasText: 'Report 1' });
    await row.waitFor(WAIT);
    expect(await row.getAttribute('data-status')).toBe('approved');
    expect(await row.textContent()).toContain(leaderUsername);
    await press(row.getByRole('link', { name: 'Report 1' }));
    const report = page.getByTestId('report-document');
    await report.getByTestId('report-approval').getByText(leaderUsername).waitFor(WAIT);
    await page.getByRole('button', { name: 'Correct (new version)' }).waitFor();

    // The PDF behind the link, fetched with the session as the browser downloads it.
    const href = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    expect(href).toMatch(/\/api\/v1\/situation-reports\/[0-9a-f-]{36}\/pdf$/);
    const download = await page.evaluate(async (url) => {
      const response = await fetch(url, { credentials: 'same-origin' });
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        bytes: Array.from(new Uint8Array(await response.arrayBuffer())),
      };
    }, href ?? '');
    expect(download.status).toBe(200);
    expect(download.type).toMatch(/^application\/pdf/);
    const text = (await pdfText(new Uint8Array(download.bytes))).replace(/\s+/g, ' ');
    expect(text).toContain('Stormen Gudrun har fällt träd över vägar i Bromma');
    expect(text).toContain('Elavbrott för 4 200 hushåll.');

    // Printed, it is the document alone: no navigation, buttons or header, every section there.
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.getByRole('navigation').isVisible()).toBe(false);
      expect(await page.getByTestId('user-menu').isVisible()).toBe(false);
      for (const name of ['Print', 'Correct (new version)']) {
        expect(await page.getByRole('button', { name }).isVisible()).toBe(false);
      }
      expect(await page.getByRole('link', { name: 'Download PDF' }).isVisible()).toBe(false);
      expect(await page.getByRole('link', { name: 'All situation reports' }).isVisible()).toBe(
        false,
      );
      expect(await report.getByText(SITUATION).isVisible()).toBe(true);
      for (const heading of [
        'Lägesrapport 1 (version 1)',
        'Läget',
        'Konsekvenser',
        'Vidtagna åtgärder',
        'Kommunikation till allmänheten',
        'Behov och resurser',
        'Bedömning framåt',
      ]) {
        expect(await report.getByRole('heading', { name: heading }).isVisible()).toBe(true);
      }
      // Black on white, whatever the screen's theme.
      const colours = await report.evaluate((element) => {
        const style = getComputedStyle(element);
        return { color: style.color, background: style.backgroundColor };
      });
      expect(colours).toEqual({ color: 'rgb(0, 0, 0)', background: 'rgb(255, 255, 255)' });
    } finally {
      await page.emulateMedia({ media: null });
    }
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(true);
  });

  it('correcting report 1 drafts version 2; a save refused because a colleague saved first keeps what was typed, takes their section and says so', async () => {
    await press(page.getByRole('link', { name: 'All situation reports' }));
    await press(
      page
        .getByTestId('situation-report-row')
        .filter({ hasText: 'Report 1' })
        .getByRole('link', { name: 'Report 1' }),
    );
    await press(page.getByRole('button', { name: 'Correct (new version)' }));
    // The correction names the report it corrects, though it is numbered only once approved.
    await page
      .getByRole('heading', { name: 'Situation report 1, draft correction (version 2)' })
      .waitFor(WAIT);
    const editor = page.getByTestId('report-editor');
    // The correction starts from the approved text.
    expect(await editor.getByLabel('The situation', { exact: true }).inputValue()).toBe(SITUATION);
    const reportId = /situation-reports\/([0-9a-f-]{36})\/edit$/.exec(page.url())?.[1] ?? '';
    expect(reportId).not.toBe('');

    // The colleague saves the needs while the console still has the draft as it was.
    const path = `${session.server.baseUrl}/api/v1/situation-reports/${reportId}`;
    const before = (await (
      await fetch(path, { headers: colleague.headers })
    ).json()) as SituationReport;
    const theirNeeds = 'Fler röjningslag behövs i Hässelby.';
    const patched = await fetch(path, {
      method: 'PATCH',
      headers: { ...colleague.changeHeaders, 'content-type': 'application/json' },
      body: JSON.stringify({ expectedUpdatedAt: before.updatedAt, content: { needs: theirNeeds } }),
    });
    expect(patched.status).toBe(200);

    const myOutlook = 'Vinden avtar under kvällen; nästa rapport i morgon bitti.';
    await typeInto(editor.getByLabel('Outlook', { exact: true }), myOutlook);
    await press(editor.getByRole('button', { name: 'Save' }));
    await editor
      .getByTestId('report-alert')
      .getByText(
        'Someone else saved this report meanwhile. Fields you did not change now show the other person’s change.',
      )
      .waitFor(WAIT);
    expect(await editor.getByLabel('Needs and resources', { exact: true }).inputValue()).toBe(
      theirNeeds,
    );
    expect(await editor.getByLabel('Outlook', { exact: true }).inputValue()).toBe(myOutlook);
    await press(editor.getByRole('button', { name: 'Save' }));
    await editor.getByTestId('report-notice').getByText('Saved.').waitFor(WAIT);

    const after = (await (
      await fetch(path, { headers: colleague.headers })
    ).json()) as SituationReport;
    expect(after).toMatchObject({
      status: 'draft',
      version: 2,
      content: { situation: SITUATION, needs: theirNeeds, outlook: myOutlook },
    });
    // The list shows the correction first, as a draft.
    await press(page.getByRole('link', { name: 'All situation reports' }));
    const first = page.getByTestId('situation-report-row').first();
    await first.getByRole('link', { name: 'Draft' }).waitFor(WAIT);
    expect(await first.getAttribute('data-status')).toBe('draft');
  });
});
