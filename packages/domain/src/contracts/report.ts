import { Type, type Static } from 'typebox';
import { CategorySchema, ReportChannelSchema, SeveritySchema } from './enums.ts';
import { LocationSchema } from './location.ts';
import { CapAlertSchema } from './cap.ts';

export const ReportSourceSchema = Type.Object(
  {
    channel: ReportChannelSchema,
    name: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'Who passed it on, e.g. "SOS Alarm"',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ReportSource = Static<typeof ReportSourceSchema>;

export const ReporterContactSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 50, pattern: '^[+0-9 ()-]*$' })),
    email: Type.Optional(Type.String({ maxLength: 254, format: 'email' })),
    organisation: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ReporterContact = Static<typeof ReporterContactSchema>;

/** What a person or a partner system sends to report something. */
export const CreateReportSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 10_000 })),
    category: CategorySchema,
    severity: SeveritySchema,
    location: LocationSchema,
    observedAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'When it was seen; defaults to now' }),
    ),
    source: ReportSourceSchema,
    reporter: Type.Optional(ReporterContactSchema),
  },
  { additionalProperties: false },
);
export type CreateReport = Static<typeof CreateReportSchema>;

/** A report as stored: immutable once received. */
export const ReportSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  incidentId: Type.String({ format: 'uuid' }),
  title: Type.String(),
  description: Type.Optional(Type.String()),
  category: CategorySchema,
  severity: SeveritySchema,
  location: LocationSchema,
  observedAt: Type.String({ format: 'date-time' }),
  receivedAt: Type.String({ format: 'date-time' }),
  source: ReportSourceSchema,
  reporter: Type.Optional(ReporterContactSchema),
  /** The CAP alert the report was made from, every language and area of it. */
  cap: Type.Optional(CapAlertSchema),
  deviations: Type.Optional(
    Type.Array(Type.String(), {
      description:
        'Where the CAP alert strayed from the standard and how it was read, and whether it was real',
    }),
  ),
});
export type Report = Static<typeof ReportSchema>;

/** The answer to a report post, the same on every retry with the same idempotency key. */
export const ReportReceiptSchema = Type.Object({
  reportId: Type.String({ format: 'uuid' }),
  incidentId: Type.String({ format: 'uuid' }),
  seq: Type.Integer({ description: 'Journal sequence of the report entry' }),
  receivedAt: Type.String({ format: 'date-time' }),
});
export type ReportReceipt = Static<typeof ReportReceiptSchema>;
