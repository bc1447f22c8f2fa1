/** CAP documents for tests, written the way agencies write them; override what a test is about. */

export const CAP_12 = 'urn:oasis:names:tc:emergency:cap:1.2';

let counter = 0;

/** One `<info>`: a severe storm over Södermalm, in Swedish unless told otherwise. */
export function capInfo(
  overrides: {
    language?: string | null;
    category?: string;
    event?: string;
    severity?: string;
    headline?: string;
    description?: string;
    instruction?: string;
    senderName?: string;
    areaDesc?: string;
    /** A polygon's text; Södermalm by default; null for none. */
    polygon?: string | null;
    circle?: string;
    geocode?: { valueName: string; value: string };
    /** Written at the end of the info, e.g. an unknown element. */
    extra?: string;
  } = {},
): string {
  const polygon =
    overrides.polygon === undefined
      ? '59.320,18.050 59.320,18.100 59.305,18.100 59.305,18.050 59.320,18.050'
      : overrides.polygon;
  return [
    '<info>',
    overrides.language === null ? '' : `<language>${overrides.language ?? 'sv-SE'}</language>`,
    `<category>${overrides.category ?? 'Met'}</category>`,
    `<event>${overrides.event ?? 'Storm'}</event>`,
    '<urgency>Expected</urgency>',
    `<severity>${overrides.severity ?? 'Severe'}</severity>`,
    '<certainty>Likely</certainty>',
    `<senderName>${overrides.senderName ?? 'SMHI'}</senderName>`,
    `<headline>${overrides.headline ?? 'Varning för storm över Södermalm'}</headline>`,
    `<description>${overrides.description ?? 'Vindbyar upp till 30 m/s under natten.'}</description>`,
    overrides.instruction === undefined
      ? ''
      : `<instruction>${overrides.instruction}</instruction>`,
    '<area>',
    `<areaDesc>${overrides.areaDesc ?? 'Södermalm'}</areaDesc>`,
    polygon === null ? '' : `<polygon>${polygon}</polygon>`,
    overrides.circle === undefined ? '' : `<circle>${overrides.circle}</circle>`,
    overrides.geocode === undefined
      ? ''
      : `<geocode><valueName>${overrides.geocode.valueName}</valueName><value>${overrides.geocode.value}</value></geocode>`,
    '</area>',
    overrides.extra ?? '',
    '</info>',
  ].join('');
}

export interface CapAlertParts {
  identifier?: string;
  sender?: string | null;
  sent?: string;
  status?: string;
  msgType?: string;
  references?: string;
  /** The infos' XML; one Swedish and one English info by default. */
  infos?: string[];
  namespace?: string;
  /** Written just inside `<alert>`, before `<identifier>`. */
  first?: string;
}

/** One `<alert>` element (no XML declaration), with a fresh identifier unless one is given. */
export function capAlert(parts: CapAlertParts = {}): string {
  counter += 1;
  const infos = parts.infos ?? [
    capInfo(),
    capInfo({
      language: 'en-GB',
      headline: 'Storm warning for Södermalm',
      description: 'Gusts up to 30 m/s overnight.',
    }),
  ];
  return [
    `<alert xmlns="${parts.namespace ?? CAP_12}">`,
    parts.first ?? '',
    `<identifier>${parts.identifier ?? `test-${Date.now()}-${counter}`}</identifier>`,
    parts.sender === null ? '' : `<sender>${parts.sender ?? 'smhi.se'}</sender>`,
    `<sent>${parts.sent ?? '2026-11-22T10:00:00+01:00'}</sent>`,
    `<status>${parts.status ?? 'Actual'}</status>`,
    `<msgType>${parts.msgType ?? 'Alert'}</msgType>`,
    '<scope>Public</scope>',
    parts.references === undefined ? '' : `<references>${parts.references}</references>`,
    ...infos,
    '</alert>',
  ].join('');
}

/** A whole document: the XML declaration (UTF-8 unless told) and the body. */
export function capDocument(body: string, encoding = 'UTF-8'): string {
  return `<?xml version="1.0" encoding="${encoding}"?>\n${body}`;
}

/** The reference to an alert: "sender,identifier,sent". */
export function capReference(alert: { sender: string; identifier: string; sent: string }): string {
  return `${alert.sender},${alert.identifier},${alert.sent}`;
}
