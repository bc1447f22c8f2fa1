import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BadRequestError } from '../../errors.ts';

/** One element of a parsed document, its namespace resolved. */
export interface XmlElement {
  /** The name as written, prefix and all, e.g. `cap:alert`. */
  name: string;
  /** The name without its prefix. */
  local: string;
  /** The namespace its prefix (or the default) stands for; empty when none. */
  namespace: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The text directly inside, references decoded and CDATA as written, untrimmed. */
  text: string;
}

/** A parsed document: its root elements (one, when well-formed) and what was odd about it. */
export interface ParsedXml {
  roots: XmlElement[];
  deviations: string[];
}

/** The document declares entities: refused, since Vaka never expands them. */
export class EntityDeclarationError extends BadRequestError {
  override name = 'EntityDeclarationError';
}

/** The wrapper put around root elements written side by side; a name no CAP document uses. */
const SIDE_BY_SIDE = 'vaka-side-by-side';

/** Deeper than any CAP alert in any envelope; the parser refuses deeper documents. */
const MAX_DEPTH = 64;

// NOTE: tag and attribute names get a prefix that no XML name can begin with, so that an
// element called `constructor` or `__proto__` is an element like any other to the parser; it is
// taken off again below. The parser adds it twice to an empty element's name.
const MARK = '~';
const unmark = (name: string) => name.replace(/^~+/, '');

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Never expand an entity, nor even the predefined ones: references are decoded below, from a
  // fixed table, and nothing a document declares is ever substituted.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
  transformTagName: (name) => `${MARK}${name}`,
  transformAttributeName: (name) => `${MARK}${name}`,
});

const PREDEFINED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/**
 * HTML's names for characters, which some agencies write in XML without declaring them; read
 * from this fixed table (never from the document) and noted.
 */
const HTML_CHARACTERS: Readonly<Record<string, string>> = {
  nbsp: '\u00A0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  deg: '°',
  euro: '€',
  copy: '©',
  szlig: 'ß',
  ...Object.fromEntries(
    [...'aeiouyAEIOUY'].flatMap((letter) => [
      [`${letter}acute`, `${letter}\u0301`.normalize('NFC')],
      [`${letter}grave`, `${letter}\u0300`.normalize('NFC')],
      [`${letter}circ`, `${letter}\u0302`.normalize('NFC')],
      [`${letter}uml`, `${letter}\u0308`.normalize('NFC')],
    ]),
  ),
  aring: 'å',
  Aring: 'Å',
  ccedil: 'ç',
  Ccedil: 'Ç',
  ntilde: 'ñ',
  Ntilde: 'Ñ',
  oslash: 'ø',
  Oslash: 'Ø',
  aelig: 'æ',
  AElig: 'Æ',
};

/**
 * Parses an XML document without ever expanding an entity: a DOCTYPE that declares entities is
 * refused (400), any other DOCTYPE is skipped, character references and the five predefined
 * entities are decoded from a fixed table and any other reference is left as written. Refused
 * (400) when the text is not well-formed XML, with where and why.
 */
export function parseXml(text: string): ParsedXml {
  const deviations: string[] = [];
  let body = skipDoctype(withoutControlCharacters(text, deviations), deviations);
  if (/^\s+<\?xml[\s?]/.test(body)) {
    deviations.push('whitespace before the XML declaration: ignored');
    body = body.trimStart();
  }
  let valid = XMLValidator.validate(body, { allowBooleanAttributes: false });
  // "Wind & rain", "?a=1&b=2": an ampersand a producer forgot to escape.
  if (valid !== true && /char '&' is not expected/.test(valid.err.msg)) {
    const repaired = escapeBareAmpersands(body);
    const again = XMLValidator.validate(repaired, { allowBooleanAttributes: false });
    if (again === true || !/char '&' is not expected/.test(again.err.msg)) {
      deviations.push('a bare & (not written &amp;): read as &');
      body = repaired;
      valid = again;
    }
  }
  // Several alerts side by side, without a wrapper: read them as if they had one.
  const sideBySide = valid !== true && /multiple possible root/i.test(valid.err.msg);
  if (sideBySide) {
    body = `<${SIDE_BY_SIDE}>${body.replace(/^\s*<\?xml[^>]*\?>/, '')}</${SIDE_BY_SIDE}>`;
    valid = XMLValidator.validate(body, { allowBooleanAttributes: false });
  }
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new BadRequestError(
      `The body is not well-formed XML (line ${line}${col === undefined ? '' : `, column ${col}`}: ${msg.replace(/\.$/, '')}); send one CAP document`,
    );
  }
  let nodes: unknown;
  try {
    nodes = parser.parse(body);
  } catch (error) {
    throw new BadRequestError(
      `The body could not be read as XML (${error instanceof Error ? error.message : 'unknown reason'}); send one CAP document`,
    );
  }
  const unknownEntities = new Set<string>();
  const htmlEntities = new Set<string>();
  const elements = toElements(nodes, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), {
    unknownEntities,
    htmlEntities,
    deviations,
  });
  const roots = sideBySide ? (elements[0]?.children ?? []) : elements;
  for (const entity of htmlEntities) {
    deviations.push(
      `the HTML reference &${entity}; (not XML): read as "${HTML_CHARACTERS[entity]}"`,
    );
  }
  for (const entity of unknownEntities) {
    deviations.push(`the reference &${entity}; names no entity XML defines: left as written`);
  }
  return { roots, deviations };
}

/** The text with every & that begins no reference written &amp;, outside CDATA and comments. */
function escapeBareAmpersands(text: string): string {
  return text
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(/&(?!#\d+;|#x[0-9a-fA-F]+;|[A-Za-z_][\w.-]*;)/g, '&amp;'),
    )
    .join('');
}

/** Control characters XML does not allow (and PostgreSQL cannot store in JSON), taken out. */
function withoutControlCharacters(text: string, deviations: string[]): string {
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
  if (!control.test(text)) return text;
  deviations.push('control characters, which XML does not allow: removed');
  return text.replace(control, '');
}

/**
 * The document with its DOCTYPE blanked out (keeping its lines), after refusing one that
 * declares entities. Refused (400) when anything but markup comes before the root element.
 */
function skipDoctype(text: string, deviations: string[]): string {
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at += 1;
    if (text.startsWith('<?', at)) {
      const end = text.indexOf('?>', at + 2);
      if (end < 0) break;
      at = end + 2;
    } else if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) break;
      at = end + 3;
    } else if (text.startsWith('<!DOCTYPE', at)) {
      const end = doctypeEnd(text, at);
      const doctype = text.slice(at, end);
      if (/<!ENTITY/i.test(doctype)) {
        throw new EntityDeclarationError(
          'The document declares XML entities in its DOCTYPE; Vaka never expands entities and does not read such documents: send the CAP alert without a DOCTYPE',
        );
      }
      deviations.push('a DOCTYPE: ignored, as Vaka reads no DTD');
      return text.slice(0, at) + doctype.replace(/[^\n]/g, ' ') + text.slice(end);
    } else {
      break;
    }
  }
  if (at >= text.length) {
    throw new BadRequestError('The body is empty; send one CAP document (XML)');
  }
  if (text[at] !== '<') {
    const start = text.slice(at, at + 20).replace(/\s+/g, ' ');
    const looksLike = /^[{[]/.test(start) ? ' (it looks like JSON)' : '';
    throw new BadRequestError(
      `The body is not XML: it begins with "${start}"${looksLike}; send one CAP document`,
    );
  }
  return text;
}

/** Where a DOCTYPE ends: its closing `>`, past quoted literals and an internal subset. */
function doctypeEnd(text: string, start: number): number {
  let quote: string | undefined;
  let subset = 0;
  for (let at = start + 2; at < text.length; at += 1) {
    const char = text[at]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '[') {
      subset += 1;
    } else if (char === ']') {
      subset -= 1;
    } else if (char === '>' && subset <= 0) {
      return at + 1;
    }
  }
  throw new BadRequestError('The body is not well-formed XML: its DOCTYPE never ends');
}

interface Collect {
  unknownEntities: Set<string>;
  htmlEntities: Set<string>;
  deviations: string[];
}

type Scope = ReadonlyMap<string, string>;

/** The parser's ordered nodes as elements, with namespaces resolved through the scope. */
function toElements(nodes: unknown, scope: Scope, collect: Collect): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  const elements: XmlElement[] = [];
  for (const node of nodes as Array<Record<string, unknown>>) {
    const key = Object.keys(node).find((name) => name !== ':@');
    if (key === undefined || key === '#text' || key === '#cdata') continue;
    elements.push(toElement(unmark(key), node[key], node[':@'], scope, collect));
  }
  return elements;
}

function toElement(
  name: string,
  content: unknown,
  rawAttributes: unknown,
  outer: Scope,
  collect: Collect,
): XmlElement {
  const attributes: Record<string, string> = {};
  let scope = outer;
  if (rawAttributes && typeof rawAttributes === 'object') {
    for (const [rawName, rawValue] of Object.entries(rawAttributes as Record<string, unknown>)) {
      const attribute = unmark(rawName);
      const value = decodeReferences(String(rawValue), collect);
      attributes[attribute] = value;
      if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) {
        if (scope === outer) scope = new Map(outer);
        (scope as Map<string, string>).set(attribute.slice(6), value.trim());
      }
    }
  }
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const local = colon < 0 ? name : name.slice(colon + 1);
  let namespace = scope.get(prefix) ?? '';
  if (prefix !== '' && !scope.has(prefix)) {
    collect.deviations.push(`the namespace prefix "${prefix}" of <${name}> is not declared`);
    namespace = '';
  }

  let text = '';
  const children: XmlElement[] = [];
  if (Array.isArray(content)) {
    for (const node of content as Array<Record<string, unknown>>) {
      if ('#text' in node) {
        text += decodeReferences(String(node['#text']), collect);
      } else if ('#cdata' in node) {
        const cdata = node['#cdata'];
        if (Array.isArray(cdata)) {
          for (const part of cdata as Array<Record<string, unknown>>) {
            if ('#text' in part) text += String(part['#text']);
          }
        }
      } else {
        children.push(...toElements([node], scope, collect));
      }
    }
  }
  return { name, local, namespace, attributes, children, text };
}

/**
 * Decodes character references, the five predefined entities and HTML's common character
 * names in one pass (so `&amp;lt;` stays `&lt;`); any other reference is left as written.
 */
function decodeReferences(
  raw: string,
  { unknownEntities, htmlEntities }: Pick<Collect, 'unknownEntities' | 'htmlEntities'>,
): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (whole, reference) => {
    const name = String(reference);
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? Number.parseInt(name.slice(2), 16)
          : Number.parseInt(name.slice(1), 10);
      const allowed =
        code === 0x9 ||
        code === 0xa ||
        code === 0xd ||
        (code >= 0x20 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd) ||
        (code >= 0x10000 && code <= 0x10ffff);
      return allowed ? String.fromCodePoint(code) : whole;
    }
    const predefined = PREDEFINED[name];
    if (predefined !== undefined) return predefined;
    const html = HTML_CHARACTERS[name];
    if (html !== undefined) {
      htmlEntities.add(name);
      return html;
    }
    if (unknownEntities.size < 20) unknownEntities.add(name);
    return whole;
  });
}
