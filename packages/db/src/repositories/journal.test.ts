import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { JournalKind, type NewJournalEntry } from '@vaka/domain';
import { createTestDatabase } from '../../../../tests/support/database.ts';
import { buildIncident } from '../../../../tests/support/factories.ts';
import { migrateDatabase, openDatabase, type Database } from '../client.ts';
import { appendJournal, journalHead, readJournalAfter, verifyJournal } from './journal.ts';

let database: Database;

beforeAll(async () => {
  database = await openDatabase({ url: await createTestDatabase(), dataDir: '/nonexistent' });
  await migrateDatabase(database);
});
afterAll(() => database.close());

function entry(n: number): NewJournalEntry {
  return {
    kind: JournalKind.incidentUpdated,
    actor: `writer-${n}`,
    incidentId: '00000000-0000-4000-8000-000000000001',
    data: {
      incident: buildIncident({ id: '00000000-0000-4000-8000-000000000001', title: `Update ${n}` }),
    },
  };
}

describe('the journal', () => {
  it('numbers concurrent appends without gaps, in the order they commit', async () => {
    const before = await journalHead(database.db);
    await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        database.db.transaction(async (tx) => {
          await appendJournal(tx, [entry(n), entry(n)]);
        }),
      ),
    );
    const entries = await readJournalAfter(database.db, before, 1_000);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 80 }, (_, i) => before + i + 1));
    // The two entries of one transaction stay together.
    for (let i = 0; i < entries.length; i += 2)
      expect(entries[i]!.actor).toBe(entries[i + 1]!.actor);
  });

  it('gives a rolled-back append no number', async () => {
    const before = await journalHead(database.db);
    await expect(
      database.db.transaction(async (tx) => {
        await appendJournal(tx, [entry(1)]);
        throw new Error('the service failed after appending');
      }),
    ).rejects.toThrow('the service failed');
    await database.db.transaction((tx) => appendJournal(tx, [entry(2)]));
    const [next] = await readJournalAfter(database.db, before, 10);
    expect(next?.seq).toBe(before + 1);
    expect(next?.actor).toBe('writer-2');
  });

  it('refuses to change or remove an entry, whoever asks', async () => {
    await database.db.transaction((tx) => appendJournal(tx, [entry(3)]));
    await expect(database.pool.query("update journal set actor = 'someone else'")).rejects.toThrow(
      /append-only/,
    );
    await expect(database.pool.query('delete from journal')).rejects.toThrow(/append-only/);
    await expect(database.pool.query('truncate journal')).rejects.toThrow(/append-only/);
    expect((await verifyJournal(database.db)).ok).toBe(true);
  });

  it('shows an edit made behind its back in the hash chain', async () => {
    await database.db.transaction((tx) => appendJournal(tx, [entry(4), entry(5), entry(6)]));
    const head = await journalHead(database.db);
    const before = await verifyJournal(database.db);
    expect(before).toEqual({ ok: true, checked: head });

    // Someone with superuser rights disables the guard and rewrites history.
    await database.db.execute(sql`alter table journal disable trigger journal_no_update_delete`);
    await database.db.execute(
      sql`update journal set data = jsonb_set(data, '{incident,title}', '"Nothing happened"') where seq = ${head - 1}`,
    );
    await database.db.execute(sql`alter table journal enable trigger journal_no_update_delete`);

    expect(await verifyJournal(database.db)).toEqual({
      ok: false,
      checked: head - 2,
      firstBadSeq: head - 1,
    });
  });
});
