import type { FastifyInstance } from 'fastify';
import { listHandovers } from '@vaka/db';
import { confirmHandover, draftHandover, updateHandover } from './service.ts';

/** The night's duty officer in the demo story; no account, as a colleague gone home would be. */
const NIGHT_DUTY_OFFICER = 'tib-natt';
/** The demo's day duty officer (see the demo users), who took over this morning. */
const DAY_DUTY_OFFICER = 'tib';

const NIGHT_NOTES = [
  'Natten lugn i övrigt. Vattenläckan på Götgatan: Stockholm Vatten på plats, körfältet mot Skanstull avstängt.',
  'Ring Ellevio kl. 09 om strömavbrottet i Hammarby sjöstad: de lovade besked om reservkraft till äldreboendet.',
  'Derby på Strawberry Arena i kväll: polisens kommenderingschef nås via RLC.',
].join('\n');

/**
 * The morning's handover in the demo: the night duty officer drafted it with a few notes, and the
 * day duty officer confirmed it, so the console shows who is on duty. Only into a database
 * without handovers.
 */
export async function seedDemoHandover(app: FastifyInstance, now: Date): Promise<void> {
  if ((await listHandovers(app.database.db, 1)).length > 0) return;
  // NOTE: the picture is the one seeded just before, gathered as if at the morning's handover.
  const draftedAt = new Date(now.getTime() - 95 * 60_000);
  const drafted = await draftHandover(app.database, NIGHT_DUTY_OFFICER, draftedAt);
  const changed = await updateHandover(
    app.database,
    drafted.data.handover.id,
    { expectedUpdatedAt: drafted.data.handover.updatedAt, notes: NIGHT_NOTES },
    NIGHT_DUTY_OFFICER,
    new Date(draftedAt.getTime() + 6 * 60_000),
  );
  const confirmed = await confirmHandover(
    app.database,
    changed.handover.id,
    { expectedUpdatedAt: changed.handover.updatedAt },
    DAY_DUTY_OFFICER,
    new Date(draftedAt.getTime() + 12 * 60_000),
  );
  app.liveHub.committed([drafted, ...changed.entries, confirmed]);
}
