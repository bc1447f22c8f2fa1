import { Type, type Static } from 'typebox';
import { EscalationSchema } from './escalation.ts';
import { IncidentSchema } from './incident.ts';
import { PublicMessageSchema } from './message.ts';
import { ReadinessSchema } from './readiness.ts';

/** The snapshot a console loads before it opens the live stream at `asOfSeq`. */
export const SituationSchema = Type.Object({
  asOfSeq: Type.Integer({ minimum: 0, description: 'The last journal entry reflected here' }),
  incidents: Type.Array(IncidentSchema, { description: 'Open incidents, newest first' }),
  readiness: ReadinessSchema,
  escalations: Type.Array(EscalationSchema, {
    description: 'Escalations awaiting acknowledgement (active or run out), oldest first',
  }),
  messages: Type.Array(PublicMessageSchema, {
    description:
      'Published versions not yet expired, exercises included (marked `exercise`), the most recently published first',
  }),
});
export type Situation = Static<typeof SituationSchema>;
