import type { FastifyInstance } from 'fastify';
import { listSituationReports } from '@vaka/db';
import { approveReport, createReport, updateReport } from './service.ts';

/** The demo's day duty officer and crisis leadership (see the demo users). */
const DUTY_OFFICER = 'tib';
const LEADERSHIP = 'ledning';

const ASSESSMENT =
  'Samlad bedömning: staden har flera samtidiga händelser men läget är hanterbart. Branden i återvinningsanläggningen och den kraftiga rökutvecklingen kräver fortsatt bevakning; stormvarningen inför natten kan förvärra läget.';

const CONSEQUENCES = [
  'Boende i området kring återvinningsanläggningen uppmanas hålla fönster och dörrar stängda.',
  'Körfältet mot Skanstull på Götgatan är avstängt under reparationen av vattenledningen.',
  'Ett äldreboende i Hammarby sjöstad går på reservkraft tills strömmen är tillbaka.',
  'Färjetrafiken till Vaxholm är inställd; resenärer hänvisas till buss.',
].join('\n');

/**
 * The day's first situation report in the demo: drafted by Vaka for the duty officer, given an
 * assessment and the consequences, and approved by the crisis leadership as report 1. Only into a
 * database without situation reports.
 */
export async function seedDemoSituationReport(app: FastifyInstance): Promise<void> {
  if ((await listSituationReports(app.database.db)).length > 0) return;
  const setting = { database: app.database, city: app.city };
  // NOTE: after the rest of the demo day, so that the report's period holds its key events.
  const now = new Date();
  const drafted = await createReport(setting, {}, DUTY_OFFICER, now);
  const draft = drafted.data.report;
  const nextReportAt = new Date(now.getTime() + 4 * 60 * 60_000);
  nextReportAt.setUTCMinutes(0, 0, 0);
  const changed = await updateReport(
    setting,
    draft.id,
    {
      expectedUpdatedAt: draft.updatedAt,
      content: {
        situation: `${ASSESSMENT}\n\n${draft.content.situation}`,
        consequences: CONSEQUENCES,
        nextReportAt: nextReportAt.toISOString(),
      },
    },
    DUTY_OFFICER,
    now,
  );
  const approved = await approveReport(
    setting,
    draft.id,
    { expectedUpdatedAt: changed.data.report.updatedAt },
    LEADERSHIP,
    now,
  );
  app.liveHub.committed([drafted, changed, approved]);
}
