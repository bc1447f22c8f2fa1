import { Type, type Static } from 'typebox';
import { IncidentSchema } from './incident.ts';
import { ReadinessSchema } from './readiness.ts';

/** The snapshot a console loads before it opens the live stream at `asOfSeq`. */
export const SituationSchema = Type.Object({
  asOfSeq: Type.Integer({ minimum: 0, description: 'The last journal entry reflected here' }),
  incidents: Type.Array(IncidentSchema, { description: 'Open incidents, newest first' }),
  readiness: ReadinessSchema,
});
export type Situation = Static<typeof SituationSchema>;
