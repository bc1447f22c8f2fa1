import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { CSRF_HEADER, type Session } from '@vaka/domain';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import {
  createTestApiKey,
  createTestUser,
  signIn,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

const setPreferences = (headers: Record<string, string>, body: unknown) =>
  app.inject({
    method: 'PUT',
    url: '/api/v1/auth/preferences',
    headers: { ...headers, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

async function sessionOf(person: SignedIn): Promise<Session> {
  const response = await app.inject({ url: '/api/v1/auth/session', headers: person.headers });
  expect(response.statusCode).toBe(200);
  return response.json() as Session;
}

async function head(): Promise<number> {
  const { rows } = await app.database.pool.query<{ head: string }>(
    'select coalesce(max(seq), 0) as head from journal',
  );
  return Number(rows[0]!.head);
}

async function journalSince(
  since: number,
): Promise<Array<{ kind: string; actor: string; data: Record<string, unknown> }>> {
  const { rows } = await app.database.pool.query(
    'select kind, actor, data from journal where seq > $1 order by seq',
    [since],
  );
  return rows;
}

async function newDutyOfficer(): Promise<{ id: string; username: string; person: SignedIn }> {
  const { id, username } = await createTestUser(app.database, ['duty_officer']);
  return { id, username, person: await signIn(app, username) };
}

describe("a person's console language", () => {
  it('is none until chosen, then follows the person to every sign-in', async () => {
    const { username, person } = await newDutyOfficer();
    expect(person.session.user.language).toBeUndefined();

    const changed = await setPreferences(person.changeHeaders, { language: 'fi' });
    expect(changed.statusCode).toBe(200);
    expect((changed.json() as Session).user.language).toBe('fi');
    expect((await sessionOf(person)).user.language).toBe('fi');

    // Another computer: a new sign-in carries the language too.
    const elsewhere = await signIn(app, username);
    expect(elsewhere.session.user.language).toBe('fi');
    expect((await sessionOf(elsewhere)).user.language).toBe('fi');
  });

  it('is journalled with what it was before, and a choice that changes nothing is not', async () => {
    const { id, username, person } = await newDutyOfficer();

    let before = await head();
    expect((await setPreferences(person.changeHeaders, { language: 'sv' })).statusCode).toBe(200);
    expect(await journalSince(before)).toEqual([
      {
        kind: 'user.preferences_changed',
        actor: username,
        data: { userId: id, language: 'sv' },
      },
    ]);

    before = await head();
    expect((await setPreferences(person.changeHeaders, { language: 'cs' })).statusCode).toBe(200);
    expect(await journalSince(before)).toEqual([
      {
        kind: 'user.preferences_changed',
        actor: username,
        data: { userId: id, language: 'cs', previous: 'sv' },
      },
    ]);

    before = await head();
    const same = await setPreferences(person.changeHeaders, { language: 'cs' });
    expect(same.statusCode).toBe(200);
    expect((same.json() as Session).user.language).toBe('cs');
    expect(await journalSince(before)).toEqual([]);
  });

  it('refuses a language the console does not speak, and keeps the one chosen', async () => {
    const { person } = await newDutyOfficer();
    expect((await setPreferences(person.changeHeaders, { language: 'en' })).statusCode).toBe(200);
    const before = await head();

    const german = await setPreferences(person.changeHeaders, { language: 'de' });
    expect(german.statusCode).toBe(400);
    expect(german.json().message).toContain('must be one of: sv, fi, en, cs');
    const extra = await setPreferences(person.changeHeaders, { language: 'fi', theme: 'dark' });
    expect(extra.statusCode).toBe(400);
    expect((await setPreferences(person.changeHeaders, {})).statusCode).toBe(400);

    expect((await sessionOf(person)).user.language).toBe('en');
    expect(await journalSince(before)).toEqual([]);
  });

  it('is for the signed-in person alone to change, with the CSRF token', async () => {
    const { person } = await newDutyOfficer();

    const anonymous = await setPreferences({}, { language: 'fi' });
    expect(anonymous.statusCode).toBe(401);

    const withoutToken = await setPreferences(person.headers, { language: 'fi' });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().message).toContain(CSRF_HEADER);
    const wrongToken = await setPreferences(
      { ...person.headers, [CSRF_HEADER]: 'not-the-token' },
      { language: 'fi' },
    );
    expect(wrongToken.statusCode).toBe(403);

    const apiKey = await createTestApiKey(app.database);
    const byKey = await setPreferences({ authorization: `Bearer ${apiKey}` }, { language: 'fi' });
    expect(byKey.statusCode).toBe(403);

    expect((await sessionOf(person)).user.language).toBeUndefined();
  });
});
