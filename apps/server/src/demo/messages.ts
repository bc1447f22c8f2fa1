import type { FastifyInstance } from 'fastify';
import type { CreateMessageRequest, MessageVariant } from '@vaka/domain';
import {
  approveMessage,
  createMessage,
  publishMessage,
  submitMessage,
  type MessageSetting,
} from '../modules/messages/service.ts';

const MINUTE = 60_000;

/** The demo's public warning about the smoke, in Swedish and English. */
const VARIANTS: MessageVariant[] = [
  {
    language: 'sv',
    headline: 'Rök från brand i Hässelby: håll dörrar och fönster stängda',
    description:
      'En brand i en återvinningsanläggning i Hässelby ger kraftig rök som driver österut över Hässelby och Vällingby.',
    instruction:
      'Gå inomhus och stäng dörrar, fönster och ventilation. Lyssna på Sveriges Radio P4 för mer information.',
    sms: 'VMA Hässelby/Vällingby: kraftig rök från brand. Gå inomhus, stäng dörrar, fönster och ventilation.',
    push: 'Rök i Hässelby och Vällingby: gå inomhus och stäng fönster och ventilation.',
    social:
      'Viktigt meddelande: kraftig rök från en brand i Hässelby driver över Hässelby och Vällingby. Gå inomhus och stäng dörrar, fönster och ventilation.',
  },
  {
    language: 'en',
    headline: 'Smoke from a fire in Hässelby: keep doors and windows closed',
    description:
      'A fire at a recycling plant in Hässelby is giving off heavy smoke drifting east over Hässelby and Vällingby.',
    instruction:
      'Go indoors and close doors, windows and ventilation. Listen to Sveriges Radio P4 for more information.',
    sms: 'Warning Hässelby/Vällingby: heavy smoke from a fire. Go indoors, close doors, windows and ventilation.',
    push: 'Smoke in Hässelby and Vällingby: go indoors, close windows and ventilation.',
    social:
      'Important: heavy smoke from a fire in Hässelby is drifting over Hässelby and Vällingby. Go indoors and close doors, windows and ventilation.',
  },
];

/**
 * The warning the demo's communicator wrote about the recycling plant's smoke this morning,
 * approved by the crisis leadership and published, so the demo's public page, feeds, picture
 * and situation report have a message in force.
 */
export async function seedDemoMessage(
  app: FastifyInstance,
  now: Date,
  incidentId: string | undefined,
): Promise<void> {
  const setting: MessageSetting = {
    database: app.database,
    city: app.city,
    districts: app.districts,
    relay: app.webhookRelay,
  };
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * MINUTE);
  const request: CreateMessageRequest = {
    ...(incidentId !== undefined && { incidentId }),
    category: 'fire',
    urgency: 'Immediate',
    severity: 'Severe',
    certainty: 'Observed',
    area: { description: 'Hässelby och Vällingby', districtIds: ['hasselby-vallingby'] },
    effective: at(250).toISOString(),
    expires: new Date(now.getTime() + 8 * 60 * MINUTE).toISOString(),
    issuer: app.city.name,
    exercise: false,
    variants: VARIANTS,
  };
  const drafted = await createMessage(setting, request, 'kib', at(262));
  app.liveHub.committed([drafted]);
  const submitted = await submitMessage(
    setting,
    drafted.data.message.id,
    { expectedUpdatedAt: drafted.data.message.updatedAt },
    'kib',
    at(258),
  );
  app.liveHub.committed([submitted]);
  const approved = await approveMessage(
    setting,
    drafted.data.message.id,
    { expectedUpdatedAt: submitted.data.message.updatedAt },
    'ledning',
    at(254),
  );
  app.liveHub.committed([approved]);
  const published = await publishMessage(
    setting,
    drafted.data.message.id,
    { expectedUpdatedAt: approved.data.message.updatedAt },
    'kib',
    at(252),
  );
  app.liveHub.committed([published]);
}
