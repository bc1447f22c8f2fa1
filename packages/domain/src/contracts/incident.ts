import { Type, type Static } from 'typebox';
import { CategorySchema, IncidentStatusSchema, SeveritySchema } from './enums.ts';
import { LocationSchema } from './location.ts';

/** The case the duty officer works: one or more reports with a category, severity and status. */
export const IncidentSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  category: CategorySchema,
  severity: SeveritySchema,
  status: IncidentStatusSchema,
  location: LocationSchema,
  openedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  reportCount: Type.Integer({ minimum: 0 }),
});
export type Incident = Static<typeof IncidentSchema>;
