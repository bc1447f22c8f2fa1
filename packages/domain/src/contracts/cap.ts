import { Type, type Static } from 'typebox';
import { CoordinatesSchema } from './location.ts';

/**
 * OASIS CAP (Common Alerting Protocol) alerts as Vaka reads them: the plain form of one
 * `<alert>`, whatever version, namespace, order or encoding it came in. Times are UTC instants;
 * polygons and circles are read into coordinates. What a report keeps of its alert is this form.
 */

/** The CAP versions Vaka reads, told apart by their namespaces. */
export const CapVersion = { v1_0: '1.0', v1_1: '1.1', v1_2: '1.2' } as const;
export type CapVersion = (typeof CapVersion)[keyof typeof CapVersion];

/** The CAP namespace of each version. */
export const CAP_NAMESPACES: Readonly<Record<string, CapVersion>> = {
  'urn:oasis:names:tc:emergency:cap:1.2': CapVersion.v1_2,
  'urn:oasis:names:tc:emergency:cap:1.1': CapVersion.v1_1,
  'urn:oasis:names:tc:emergency:cap:1.0': CapVersion.v1_0,
  'http://www.incident.com/cap/1.0': CapVersion.v1_0,
};

/** Whether an alert is real or a drill, a test, a draft or a system message. */
export const CapStatus = {
  actual: 'Actual',
  exercise: 'Exercise',
  system: 'System',
  test: 'Test',
  draft: 'Draft',
} as const;
export type CapStatus = (typeof CapStatus)[keyof typeof CapStatus];

/** What an alert does: a new alert, or an update, a cancellation, an acknowledgement or an error about earlier ones. */
export const CapMsgType = {
  alert: 'Alert',
  update: 'Update',
  cancel: 'Cancel',
  ack: 'Ack',
  error: 'Error',
} as const;
export type CapMsgType = (typeof CapMsgType)[keyof typeof CapMsgType];

/** Who the alert is for. */
export const CapScope = { public: 'Public', restricted: 'Restricted', private: 'Private' } as const;
export type CapScope = (typeof CapScope)[keyof typeof CapScope];

/** The kinds of event CAP names. */
export const CapCategory = {
  geo: 'Geo',
  met: 'Met',
  safety: 'Safety',
  security: 'Security',
  rescue: 'Rescue',
  fire: 'Fire',
  health: 'Health',
  env: 'Env',
  transport: 'Transport',
  infra: 'Infra',
  cbrne: 'CBRNE',
  other: 'Other',
} as const;
export type CapCategory = (typeof CapCategory)[keyof typeof CapCategory];

export const CapUrgency = {
  immediate: 'Immediate',
  expected: 'Expected',
  future: 'Future',
  past: 'Past',
  unknown: 'Unknown',
} as const;
export type CapUrgency = (typeof CapUrgency)[keyof typeof CapUrgency];

export const CapSeverity = {
  extreme: 'Extreme',
  severe: 'Severe',
  moderate: 'Moderate',
  minor: 'Minor',
  unknown: 'Unknown',
} as const;
export type CapSeverity = (typeof CapSeverity)[keyof typeof CapSeverity];

export const CapCertainty = {
  observed: 'Observed',
  likely: 'Likely',
  possible: 'Possible',
  unlikely: 'Unlikely',
  unknown: 'Unknown',
} as const;
export type CapCertainty = (typeof CapCertainty)[keyof typeof CapCertainty];

const text = (description?: string) =>
  Type.String(description === undefined ? {} : { description });
const instant = (description: string) => Type.String({ format: 'date-time', description });

/** A named value: a geocode, an event code or a parameter. */
export const CapValuePairSchema = Type.Object(
  { valueName: Type.String(), value: Type.String() },
  { additionalProperties: false },
);
export type CapValuePair = Static<typeof CapValuePairSchema>;

export const CapCircleSchema = Type.Object(
  { center: CoordinatesSchema, radiusKm: Type.Number({ minimum: 0 }) },
  { additionalProperties: false },
);
export type CapCircle = Static<typeof CapCircleSchema>;

/** One area of an info: its description and any polygons, circles and geocodes. */
export const CapAreaSchema = Type.Object(
  {
    areaDesc: text('The area as the issuer describes it'),
    polygons: Type.Array(Type.Array(CoordinatesSchema), {
      description: 'Each a ring of points, first and last the same',
    }),
    circles: Type.Array(CapCircleSchema),
    geocodes: Type.Array(CapValuePairSchema),
    altitude: Type.Optional(Type.Number({ description: 'Feet above mean sea level' })),
    ceiling: Type.Optional(Type.Number({ description: 'Feet above mean sea level' })),
  },
  { additionalProperties: false },
);
export type CapArea = Static<typeof CapAreaSchema>;

/** A file the alert points at; inline content (derefUri) is not kept. */
export const CapResourceSchema = Type.Object(
  {
    resourceDesc: Type.String(),
    mimeType: Type.Optional(Type.String()),
    size: Type.Optional(Type.Integer({ minimum: 0 })),
    uri: Type.Optional(Type.String()),
    digest: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type CapResource = Static<typeof CapResourceSchema>;

/** One `<info>`: the alert in one language. */
export const CapInfoSchema = Type.Object(
  {
    language: text('RFC 3066 language code; en-US when the alert gave none'),
    categories: Type.Array(Type.Enum(Object.values(CapCategory))),
    event: Type.String(),
    responseTypes: Type.Array(Type.String()),
    urgency: Type.Enum(Object.values(CapUrgency)),
    severity: Type.Enum(Object.values(CapSeverity)),
    certainty: Type.Enum(Object.values(CapCertainty)),
    audience: Type.Optional(Type.String()),
    eventCodes: Type.Array(CapValuePairSchema),
    effective: Type.Optional(instant('From when the information holds')),
    onset: Type.Optional(instant('When the event is expected to begin')),
    expires: Type.Optional(instant('When the information no longer holds')),
    senderName: Type.Optional(Type.String()),
    headline: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    instruction: Type.Optional(Type.String()),
    web: Type.Optional(Type.String()),
    contact: Type.Optional(Type.String()),
    parameters: Type.Array(CapValuePairSchema),
    resources: Type.Array(CapResourceSchema),
    areas: Type.Array(CapAreaSchema),
  },
  { additionalProperties: false },
);
export type CapInfo = Static<typeof CapInfoSchema>;

/** An earlier alert named in `<references>`; `sent` is absent when the reference left it out. */
export const CapReferenceSchema = Type.Object(
  {
    sender: Type.String(),
    identifier: Type.String(),
    sent: Type.Optional(instant('When the earlier alert was sent')),
  },
  { additionalProperties: false },
);
export type CapReference = Static<typeof CapReferenceSchema>;

/** One CAP alert, as read: every language (info) and every area kept. */
export const CapAlertSchema = Type.Object(
  {
    version: Type.Enum(Object.values(CapVersion), {
      description: 'The CAP version its namespace names; 1.2 when it named none Vaka knows',
    }),
    identifier: Type.String(),
    sender: Type.String(),
    sent: instant('When the issuer sent it; with sender and identifier, what makes it unique'),
    status: Type.Enum(Object.values(CapStatus)),
    msgType: Type.Enum(Object.values(CapMsgType)),
    scope: Type.Enum(Object.values(CapScope)),
    source: Type.Optional(Type.String()),
    restriction: Type.Optional(Type.String()),
    addresses: Type.Optional(Type.String()),
    codes: Type.Array(Type.String()),
    note: Type.Optional(Type.String()),
    references: Type.Array(CapReferenceSchema),
    incidents: Type.Optional(Type.String()),
    infos: Type.Array(CapInfoSchema),
  },
  { additionalProperties: false },
);
export type CapAlert = Static<typeof CapAlertSchema>;

/** What became of one alert of a posted document. */
export const CapOutcome = {
  /** It opened an incident of its own. */
  new: 'new',
  /** It updates, cancels or answers an earlier alert, and joined that alert's incident. */
  update: 'update',
  /** The same alert (sender, identifier, sent) had arrived before: nothing was stored. */
  redelivery: 'redelivery',
} as const;
export type CapOutcome = (typeof CapOutcome)[keyof typeof CapOutcome];

/** The receipt for one alert of a posted CAP document. */
export const CapAlertReceiptSchema = Type.Object({
  identifier: Type.String(),
  sender: Type.String(),
  sent: Type.String({ format: 'date-time' }),
  outcome: Type.Enum(Object.values(CapOutcome)),
  reportId: Type.String({ format: 'uuid', description: 'On a re-delivery, the first one' }),
  incidentId: Type.String({ format: 'uuid' }),
  seq: Type.Integer({ description: 'Journal sequence of the report entry' }),
  receivedAt: Type.String({ format: 'date-time' }),
  deviations: Type.Array(Type.String(), {
    description: 'Where the alert strays from CAP 1.2, and how Vaka read it',
  }),
  note: Type.Optional(
    Type.String({ description: 'Anything else the sender should know, e.g. a closed incident' }),
  ),
});
export type CapAlertReceipt = Static<typeof CapAlertReceiptSchema>;

/** The answer to a posted CAP document: one receipt per alert, in document order. */
export const CapImportReceiptSchema = Type.Object({
  alerts: Type.Array(CapAlertReceiptSchema),
});
export type CapImportReceipt = Static<typeof CapImportReceiptSchema>;
