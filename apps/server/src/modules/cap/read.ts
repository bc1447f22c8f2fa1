import {
  CAP_NAMESPACES,
  CapCategory,
  CapCertainty,
  CapMsgType,
  CapScope,
  CapSeverity,
  CapStatus,
  CapUrgency,
  CapVersion,
  type CapAlert,
  type CapArea,
  type CapInfo,
  type CapResource,
  type CapValuePair,
} from '@vaka/domain';
import { parseXml, type XmlElement } from './xml.ts';
import {
  clip,
  readCircle,
  readNumber,
  readPolygon,
  readReferences,
  readTime,
  type Note,
} from './values.ts';

/** One alert of a document, as read, with where it strayed from CAP 1.2. */
export interface ReadAlert {
  alert: CapAlert;
  deviations: string[];
}

/** Well-formed XML that is not a CAP alert, or an alert without what makes it one: 422. */
export class NotAnAlertError extends Error {
  override name = 'NotAnAlertError';
  readonly statusCode = 422;
}

/** More alerts in one document than one request stores. */
export const MAX_ALERTS_PER_DOCUMENT = 200;
/** Past this, one more line says how many more there were. */
const MAX_DEVIATIONS = 100;

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const EDXL_DE = /^urn:oasis:names:tc:emergency:edxl:de:/i;

/** The children of each CAP element, in the order CAP 1.2 gives them. */
interface Fields {
  order: readonly string[];
  repeatable: ReadonlySet<string>;
}
const ALERT: Fields = {
  order: [
    'identifier',
    'sender',
    // CAP 1.0 only; never kept.
    'password',
    'sent',
    'status',
    'msgType',
    'source',
    'scope',
    'restriction',
    'addresses',
    'code',
    'note',
    'references',
    'incidents',
    'info',
  ],
  repeatable: new Set(['code', 'info']),
};
const INFO: Fields = {
  order: [
    'language',
    'category',
    'event',
    'responseType',
    'urgency',
    'severity',
    'certainty',
    'audience',
    'eventCode',
    'effective',
    'onset',
    'expires',
    'senderName',
    'headline',
    'description',
    'instruction',
    'web',
    'contact',
    'parameter',
    'resource',
    'area',
  ],
  repeatable: new Set(['category', 'responseType', 'eventCode', 'parameter', 'resource', 'area']),
};
const RESOURCE: Fields = {
  order: ['resourceDesc', 'mimeType', 'size', 'uri', 'derefUri', 'digest'],
  repeatable: new Set(),
};
const AREA: Fields = {
  order: ['areaDesc', 'polygon', 'circle', 'geocode', 'altitude', 'ceiling'],
  repeatable: new Set(['polygon', 'circle', 'geocode']),
};

/**
 * Reads the CAP alerts of a document: one `<alert>`, several in any wrapper, in an EDXL-DE
 * envelope or in a feed, in CAP 1.2, 1.1 or 1.0, default or prefixed namespace. Refused (400)
 * when the text is not XML, and (422) when it holds no CAP alert or an alert lacks its
 * identifier, sender or sent time.
 */
export function readCapDocument(text: string): ReadAlert[] {
  const { roots, deviations: documentDeviations } = parseXml(text);
  if (roots.length > 1) {
    documentDeviations.push(`${roots.length} root elements in one document, where XML allows one`);
  }
  const found = roots.flatMap((root) => findAlerts(root, root));
  if (found.length === 0) {
    for (const root of roots) found.push(...findEscapedAlerts(root, documentDeviations));
  }
  if (found.length === 0) throw notAnAlert(roots);
  if (found.length > MAX_ALERTS_PER_DOCUMENT) {
    throw new NotAnAlertError(
      `The document holds ${found.length} alerts; Vaka takes at most ${MAX_ALERTS_PER_DOCUMENT} in one request: send them in smaller documents`,
    );
  }

  const problems: string[] = [];
  const alerts: ReadAlert[] = [];
  found.forEach(({ element, wrapper }, index) => {
    const deviations = new Deviations(documentDeviations);
    if (wrapper) deviations.note(wrapper);
    const which = found.length === 1 ? 'The alert' : `Alert ${index + 1} of ${found.length}`;
    const read = readAlert(element, deviations);
    if ('missing' in read) {
      problems.push(`${which} has no ${read.missing.map((name) => `<${name}>`).join(', ')}`);
    } else if ('unreadableSent' in read) {
      problems.push(`${which}'s <sent> "${clip(read.unreadableSent)}" is not a time`);
    } else {
      alerts.push({ alert: read.alert, deviations: deviations.list() });
    }
  });
  if (problems.length > 0) {
    throw new NotAnAlertError(
      `${problems.join('; ')}: a CAP alert needs its identifier, its sender and when it was sent, and nothing was stored`,
    );
  }
  return alerts;
}

/** Deviations without repeats, at most MAX_DEVIATIONS of them and a line that counts the rest. */
class Deviations {
  private readonly seen = new Set<string>();
  private more = 0;
  constructor(initial: readonly string[] = []) {
    for (const deviation of initial) this.note(deviation);
  }
  readonly note: Note = (deviation) => {
    if (this.seen.has(deviation)) return;
    if (this.seen.size >= MAX_DEVIATIONS) {
      this.more += 1;
      return;
    }
    this.seen.add(deviation);
  };
  list(): string[] {
    const all = [...this.seen];
    if (this.more > 0) all.push(`and ${this.more} more deviations`);
    return all;
  }
}

const lower = (name: string) => name.toLowerCase();

/** The CAP version a namespace names, when it is one of CAP's. */
function capVersionOf(namespace: string): CapVersion | undefined {
  return CAP_NAMESPACES[namespace] ?? CAP_NAMESPACES[lower(namespace.trim()).replace(/\/+$/, '')];
}

function isSignature(element: XmlElement): boolean {
  return element.namespace === DSIG || element.local === 'Signature';
}

/** An `<alert>` in a CAP namespace, or in another with CAP's first elements in it. */
function isAlert(element: XmlElement): boolean {
  if (lower(element.local) !== 'alert') return false;
  if (capVersionOf(element.namespace)) return true;
  return element.children.some((child) =>
    ['identifier', 'sender', 'sent'].includes(lower(child.local)),
  );
}

interface FoundAlert {
  element: XmlElement;
  /** Said of an alert that came inside something other than an EDXL-DE envelope. */
  wrapper?: string;
}

/** Every alert in the element's tree, not looking inside an alert. */
function findAlerts(root: XmlElement, element: XmlElement, inEdxl = false): FoundAlert[] {
  if (isAlert(element)) {
    if (element === root || inEdxl) return [{ element }];
    const where = isFeed(root)
      ? `delivered inside ${feedName(root)}, not as a CAP document of its own`
      : `delivered inside a <${root.name}> wrapper, not as a CAP document of its own`;
    return [{ element, wrapper: where }];
  }
  // NOTE: signatures are looked into too: an enveloping one holds the alert in its <Object>.
  const edxl = inEdxl || EDXL_DE.test(element.namespace) || element.local === 'EDXLDistribution';
  return element.children.flatMap((child) => findAlerts(root, child, edxl));
}

/**
 * Alerts written as escaped text (`&lt;alert ...`) inside an element, as some feeds carry
 * them. Only one level deep: an escaped alert inside an escaped alert is not looked for.
 */
function findEscapedAlerts(root: XmlElement, deviations: string[]): FoundAlert[] {
  const found: FoundAlert[] = [];
  const visit = (element: XmlElement) => {
    const text = element.text.trim();
    if (text.startsWith('<') && /<([\w.-]+:)?alert[\s>]/.test(text)) {
      try {
        const inner = parseXml(text);
        for (const innerRoot of inner.roots) {
          for (const { element: alert } of findAlerts(innerRoot, innerRoot)) {
            found.push({
              element: alert,
              wrapper: `delivered as escaped text inside <${element.name}> of ${isFeed(root) ? feedName(root) : `a <${root.name}>`}`,
            });
          }
        }
        deviations.push(...inner.deviations);
      } catch {
        // Text that only looked like an alert: not one.
      }
    }
    for (const child of element.children) visit(child);
  };
  visit(root);
  return found;
}

function isFeed(root: XmlElement): boolean {
  return ['feed', 'rss', 'rdf'].includes(lower(root.local));
}

function feedName(root: XmlElement): string {
  return lower(root.local) === 'feed' ? 'an Atom feed' : 'an RSS feed';
}

/** Why a document without alerts is refused, in the words that fit what it is. */
function notAnAlert(roots: readonly XmlElement[]): NotAnAlertError {
  const [root] = roots;
  if (!root) return new NotAnAlertError('The document holds no element; send one CAP document');
  if (isFeed(root)) {
    const items = countItems(root);
    return new NotAnAlertError(
      `The document is ${feedName(root)} (${items} ${items === 1 ? 'entry' : 'entries'} listing CAP alerts), not a CAP alert: post the alerts it links to, each as its own document`,
    );
  }
  if (lower(root.local) === 'alert') {
    return new NotAnAlertError(
      `The <${root.name}> has none of CAP's <identifier>, <sender> or <sent>, and no CAP namespace: it is not a CAP alert`,
    );
  }
  const namespace = root.namespace === '' ? 'no namespace' : `namespace ${root.namespace}`;
  return new NotAnAlertError(
    `The document's root element is <${root.name}> (${namespace}), not a CAP <alert> (urn:oasis:names:tc:emergency:cap:1.2), and it holds no CAP alert`,
  );
}

function countItems(root: XmlElement): number {
  let count = 0;
  const visit = (element: XmlElement) => {
    if (element.local === 'entry' || element.local === 'item') count += 1;
    else element.children.forEach(visit);
  };
  visit(root);
  return count;
}

/**
 * The children of a CAP element by their CAP name, noting unknown and foreign elements,
 * elements out of CAP's order, and repeats of elements CAP allows once.
 */
function readFields(
  element: XmlElement,
  fields: Fields,
  capNamespace: string,
  note: Note,
): Map<string, XmlElement[]> {
  const where = element.local;
  const byName = new Map<string, XmlElement[]>();
  let furthest = -1;
  for (const child of element.children) {
    if (isSignature(child)) continue;
    const inCap =
      child.namespace === capNamespace ||
      child.namespace === '' ||
      capVersionOf(child.namespace) !== undefined;
    if (!inCap) {
      note(
        `element <${child.name}> of another namespace (${child.namespace}) in <${where}>: ignored`,
      );
      continue;
    }
    if (child.namespace === '' && capNamespace !== '') {
      note(`elements in no namespace inside <${element.name}>: read as CAP`);
    }
    let name = fields.order.find((known) => known === child.local);
    if (name === undefined) {
      name = fields.order.find((known) => lower(known) === lower(child.local));
      if (name !== undefined) note(`<${child.local}> written for <${name}>`);
    }
    if (name === undefined) {
      note(`unknown element <${child.local}> in <${where}>`);
      continue;
    }
    const index = fields.order.indexOf(name);
    if (index < furthest) {
      note(`element <${name}> after <${fields.order[furthest]}> in <${where}>`);
    } else {
      furthest = index;
    }
    const list = byName.get(name);
    if (list) list.push(child);
    else byName.set(name, [child]);
  }
  for (const [name, list] of byName) {
    if (list.length > 1 && !fields.repeatable.has(name)) {
      note(`more than one <${name}> in <${where}>: the first is kept`);
    }
  }
  return byName;
}

/** The text of an element, trimmed; undefined when empty. */
function textOf(element: XmlElement | undefined, note: Note): string | undefined {
  if (!element) return undefined;
  if (element.children.some((child) => !isSignature(child))) {
    note(`<${element.local}> holds elements where text belongs: only its text is read`);
  }
  const text = element.text.trim();
  return text === '' ? undefined : text;
}

/** One of CAP's values, matched without regard to case; the fallback (and a note) otherwise. */
function readValue<T extends string>(
  raw: string | undefined,
  values: Readonly<Record<string, T>>,
  field: string,
  fallback: T,
  note: Note,
  synonyms: Readonly<Record<string, T>> = {},
): T {
  const all = Object.values(values);
  if (raw === undefined) {
    note(`${field} missing: ${fallback} assumed`);
    return fallback;
  }
  const exact = all.find((value) => value === raw);
  if (exact) return exact;
  const loose = all.find((value) => lower(value) === lower(raw)) ?? synonyms[lower(raw)];
  if (loose) {
    note(`${field} "${clip(raw)}" read as ${loose}`);
    return loose;
  }
  note(`${field} "${clip(raw)}" is not one of CAP's: ${fallback} assumed`);
  return fallback;
}

type AlertReading = { alert: CapAlert } | { missing: string[] } | { unreadableSent: string };

function readAlert(element: XmlElement, deviations: Deviations): AlertReading {
  const { note } = deviations;
  const namespace = element.namespace;
  const version = capVersionOf(namespace);
  if (version === undefined) {
    note(
      namespace === ''
        ? 'no CAP namespace: read as CAP 1.2'
        : `unknown namespace "${clip(namespace)}": read as CAP 1.2`,
    );
  } else if (!(namespace in CAP_NAMESPACES)) {
    note(`the CAP namespace written as "${clip(namespace)}"`);
  }
  if (version === CapVersion.v1_1) note('CAP 1.1 namespace: read as CAP 1.2');
  if (version === CapVersion.v1_0) note('CAP 1.0 namespace: read as CAP 1.2');

  const fields = readFields(element, ALERT, namespace, note);
  const first = (name: string) => textOf(fields.get(name)?.[0], note);
  const identifier = first('identifier');
  const sender = first('sender');
  const sentText = first('sent');
  const missing = [
    ...(identifier === undefined ? ['identifier'] : []),
    ...(sender === undefined ? ['sender'] : []),
    ...(sentText === undefined ? ['sent'] : []),
  ];
  if (identifier === undefined || sender === undefined || sentText === undefined) {
    return { missing };
  }
  const sent = readTime(sentText, 'sent', note);
  if (sent === undefined) return { unreadableSent: sentText };
  if (/[\s,]/.test(identifier)) note('<identifier> contains spaces or commas, which CAP forbids');
  if (/[\s,]/.test(sender)) note('<sender> contains spaces or commas, which CAP forbids');
  if (fields.has('password')) note('a <password> (CAP 1.0): not kept');

  const referencesText = fields
    .get('references')
    ?.map((reference) => reference.text)
    .join(' ');
  const references = referencesText === undefined ? [] : readReferences(referencesText, note);

  const status = readValue(first('status'), CapStatus, 'status', CapStatus.actual, note, {
    drill: CapStatus.exercise,
    training: CapStatus.exercise,
  });
  const rawMsgType = first('msgType');
  const inferred = references.length > 0 ? CapMsgType.update : CapMsgType.alert;
  const msgType = readValue(rawMsgType, CapMsgType, 'msgType', inferred, note);
  if (msgType !== CapMsgType.alert && references.length === 0) {
    note(`${msgType} without <references>: it cannot be matched to an earlier alert`);
  }
  const scope = readValue(first('scope'), CapScope, 'scope', CapScope.public, note);
  const restriction = first('restriction');
  const addresses = first('addresses');
  if (scope === CapScope.restricted && restriction === undefined) {
    note('scope Restricted without <restriction>');
  }
  if (scope === CapScope.private && addresses === undefined) {
    note('scope Private without <addresses>');
  }
  const source = first('source');
  const note_ = first('note');
  const incidents = first('incidents');
  const codes = (fields.get('code') ?? []).flatMap((code) => textOf(code, note) ?? []);
  const infos = (fields.get('info') ?? []).map((info) => readInfo(info, namespace, note));

  return {
    alert: {
      version: version ?? CapVersion.v1_2,
      identifier,
      sender,
      sent,
      status,
      msgType,
      scope,
      ...(source !== undefined && { source }),
      ...(restriction !== undefined && { restriction }),
      ...(addresses !== undefined && { addresses }),
      codes,
      ...(note_ !== undefined && { note: note_ }),
      references,
      ...(incidents !== undefined && { incidents }),
      infos,
    },
  };
}

function readInfo(element: XmlElement, namespace: string, note: Note): CapInfo {
  const fields = readFields(element, INFO, namespace, note);
  const first = (name: string) => textOf(fields.get(name)?.[0], note);
  const all = (name: string) =>
    (fields.get(name) ?? []).flatMap((item) => textOf(item, note) ?? []);

  let language = first('language');
  if (language === undefined) {
    note('language missing: en-US assumed');
    language = 'en-US';
  }
  const categories = all('category').map((category) =>
    readValue(category, CapCategory, 'category', CapCategory.other, note),
  );
  if (categories.length === 0) {
    note('category missing: Other assumed');
    categories.push(CapCategory.other);
  }
  const headline = first('headline');
  let event = first('event');
  if (event === undefined) {
    note('event missing');
    event = headline ?? '';
  }
  const urgency = readValue(first('urgency'), CapUrgency, 'urgency', CapUrgency.unknown, note);
  const severity = readValue(first('severity'), CapSeverity, 'severity', CapSeverity.unknown, note);
  const certainty = readValue(
    first('certainty'),
    CapCertainty,
    'certainty',
    CapCertainty.unknown,
    note,
    { 'very likely': CapCertainty.likely },
  );
  const time = (name: string) => {
    const text = first(name);
    return text === undefined ? undefined : readTime(text, name, note);
  };
  const effective = time('effective');
  const onset = time('onset');
  const expires = time('expires');
  const optional = (name: string) => {
    const text = first(name);
    return text === undefined ? {} : { [name]: text };
  };

  return {
    language,
    categories,
    event,
    responseTypes: all('responseType'),
    urgency,
    severity,
    certainty,
    ...optional('audience'),
    eventCodes: (fields.get('eventCode') ?? []).flatMap((code) => readPairs(code, namespace, note)),
    ...(effective !== undefined && { effective }),
    ...(onset !== undefined && { onset }),
    ...(expires !== undefined && { expires }),
    ...optional('senderName'),
    ...(headline !== undefined && { headline }),
    ...optional('description'),
    ...optional('instruction'),
    ...optional('web'),
    ...optional('contact'),
    parameters: (fields.get('parameter') ?? []).flatMap((parameter) =>
      readPairs(parameter, namespace, note),
    ),
    resources: (fields.get('resource') ?? []).map((resource) =>
      readResource(resource, namespace, note),
    ),
    areas: (fields.get('area') ?? []).map((area) => readArea(area, namespace, note)),
  };
}

/**
 * The name-value pairs of a geocode, event code or parameter: usually one, some write several
 * in one element; CAP 1.0 wrote "name=value" as text.
 */
function readPairs(element: XmlElement, namespace: string, note: Note): CapValuePair[] {
  const children = element.children.filter(
    (child) => !isSignature(child) && (child.namespace === namespace || child.namespace === ''),
  );
  if (children.length === 0) {
    const text = element.text.trim();
    if (text === '') return [];
    const equals = text.indexOf('=');
    note(`<${element.local}> written as "name=value" text (CAP 1.0)`);
    return equals < 0
      ? [{ valueName: text, value: '' }]
      : [{ valueName: text.slice(0, equals).trim(), value: text.slice(equals + 1).trim() }];
  }
  const pairs: CapValuePair[] = [];
  let valueName: string | undefined;
  for (const child of children) {
    if (lower(child.local) === 'valuename') {
      if (valueName !== undefined) pairs.push({ valueName, value: '' });
      valueName = child.text.trim();
    } else if (lower(child.local) === 'value') {
      if (valueName === undefined) note(`<${element.local}> with a <value> but no <valueName>`);
      pairs.push({ valueName: valueName ?? '', value: child.text.trim() });
      valueName = undefined;
    } else {
      note(`unknown element <${child.local}> in <${element.local}>`);
    }
  }
  if (valueName !== undefined) pairs.push({ valueName, value: '' });
  if (pairs.length > 1) note(`several name-value pairs in one <${element.local}>`);
  return pairs;
}

function readResource(element: XmlElement, namespace: string, note: Note): CapResource {
  const fields = readFields(element, RESOURCE, namespace, note);
  const first = (name: string) => textOf(fields.get(name)?.[0], note);
  const resourceDesc = first('resourceDesc');
  if (resourceDesc === undefined) note('resourceDesc missing in <resource>');
  const mimeType = first('mimeType');
  const sizeText = first('size');
  const size = sizeText === undefined ? undefined : readNumber(sizeText, 'size', note);
  const uri = first('uri');
  const digest = first('digest');
  return {
    resourceDesc: resourceDesc ?? '',
    ...(mimeType !== undefined && { mimeType }),
    ...(size !== undefined && Number.isInteger(size) && size >= 0 && { size }),
    ...(uri !== undefined && { uri }),
    ...(digest !== undefined && { digest }),
  };
}

function readArea(element: XmlElement, namespace: string, note: Note): CapArea {
  const fields = readFields(element, AREA, namespace, note);
  const first = (name: string) => textOf(fields.get(name)?.[0], note);
  const areaDesc = first('areaDesc');
  if (areaDesc === undefined) note('areaDesc missing in <area>');
  const polygons = (fields.get('polygon') ?? []).flatMap((polygon) => {
    const ring = readPolygon(polygon.text, note);
    return ring ? [ring] : [];
  });
  const circles = (fields.get('circle') ?? []).flatMap((circle) => {
    if (circle.text.trim() === '') {
      note('an empty <circle>: ignored');
      return [];
    }
    return readCircle(circle.text, note) ?? [];
  });
  const altitudeText = first('altitude');
  const ceilingText = first('ceiling');
  const altitude =
    altitudeText === undefined ? undefined : readNumber(altitudeText, 'altitude', note);
  const ceiling = ceilingText === undefined ? undefined : readNumber(ceilingText, 'ceiling', note);
  return {
    areaDesc: areaDesc ?? '',
    polygons,
    circles,
    geocodes: (fields.get('geocode') ?? []).flatMap((geocode) =>
      readPairs(geocode, namespace, note),
    ),
    ...(altitude !== undefined && { altitude }),
    ...(ceiling !== undefined && { ceiling }),
  };
}
