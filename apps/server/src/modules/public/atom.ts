import { XMLBuilder } from 'fast-xml-parser';
import type { CitySettings, Language, PublicMessage } from '@vaka/domain';
import { capIdentifier, xmlText } from '../messages/cap-document.ts';
import { shownVariant } from './language.ts';
import { PUBLIC_TEXT } from './page-text.ts';

const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';

/** What a feed is drawn from. */
export interface FeedInput {
  city: Pick<CitySettings, 'name' | 'messageLanguages'>;
  language: Language;
  /** The address the public reaches Vaka at. */
  publicUrl: URL;
  now: Date;
}

/**
 * The Atom feed of the valid messages: one entry per message, its latest published version, in
 * the reader's language where the message has it. An entry's id is the message's, so a reader
 * sees an update as the same entry changed.
 */
export function messageFeed(messages: readonly PublicMessage[], input: FeedInput): string {
  const { city, language, publicUrl } = input;
  const text = PUBLIC_TEXT[language];
  const page = new URL(`/public?lang=${language}`, publicUrl).href;
  const entries = messages.flatMap((message) => {
    const shown = shownVariant(message, language, city);
    if (shown === undefined || message.publishedAt === undefined) return [];
    const { variant } = shown;
    return [
      {
        '@_xml:lang': variant.language,
        id: `urn:uuid:${message.id}`,
        title: { '@_type': 'text', '#text': xmlText(variant.headline) },
        updated: message.publishedAt,
        author: { name: xmlText(message.issuer) },
        link: {
          '@_rel': 'alternate',
          '@_type': 'text/html',
          '@_href': `${page}#message-${message.id}`,
        },
        category: { '@_term': message.category },
        summary: {
          '@_type': 'text',
          '#text': xmlText(
            [variant.description, variant.instruction].filter((part) => part.trim()).join('\n\n'),
          ),
        },
      },
    ];
  });
  return feed({
    id: new URL('/public/feed.atom', publicUrl).href,
    language,
    title: text.title(city.name),
    author: city.name,
    self: new URL(`/public/feed.atom?lang=${language}`, publicUrl).href,
    alternate: page,
    updated: latest(entries.map((entry) => entry.updated)) ?? input.now.toISOString(),
    entries,
  });
}

/**
 * The CAP feed: an Atom feed whose entries each point at one CAP 1.2 document, the latest
 * published version of each valid message, and the cancellation of each withdrawn one until its
 * time of validity would have ended. An entry's id is the CAP identifier of its document.
 */
export function capFeed(
  valid: readonly PublicMessage[],
  withdrawn: readonly PublicMessage[],
  input: FeedInput,
): string {
  const { city, language, publicUrl } = input;
  const text = PUBLIC_TEXT[language];
  const entry = (message: PublicMessage, cancel: boolean) => {
    const shown = shownVariant(message, language, city);
    const updated = cancel ? message.withdrawnAt : message.publishedAt;
    if (shown === undefined || updated === undefined) return [];
    const { variant } = shown;
    const summary = cancel ? (message.withdrawReason ?? '') : variant.description;
    return [
      {
        '@_xml:lang': variant.language,
        id: capIdentifier(message.id, message.version, cancel),
        title: {
          '@_type': 'text',
          '#text': xmlText(cancel ? text.withdrawn(variant.headline) : variant.headline),
        },
        updated,
        author: { name: xmlText(message.issuer) },
        link: {
          '@_rel': 'alternate',
          '@_type': 'application/cap+xml',
          '@_href': new URL(`/public/cap/${message.id}/${message.version}`, publicUrl).href,
        },
        ...(summary.trim() === ''
          ? {}
          : { summary: { '@_type': 'text', '#text': xmlText(summary) } }),
      },
    ];
  };
  const entries = [
    ...valid.flatMap((message) => entry(message, false)),
    ...withdrawn.flatMap((message) => entry(message, true)),
  ].sort((a, b) => b.updated.localeCompare(a.updated));
  return feed({
    id: new URL('/public/cap/feed.atom', publicUrl).href,
    language,
    title: `${text.title(city.name)} (CAP 1.2)`,
    author: city.name,
    self: new URL('/public/cap/feed.atom', publicUrl).href,
    alternate: new URL(`/public?lang=${language}`, publicUrl).href,
    updated: latest(entries.map(({ updated }) => updated)) ?? input.now.toISOString(),
    entries,
  });
}

interface FeedParts {
  id: string;
  language: Language;
  title: string;
  author: string;
  self: string;
  alternate: string;
  updated: string;
  entries: readonly object[];
}

function feed(parts: FeedParts): string {
  return BUILDER.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    feed: {
      '@_xmlns': ATOM_NAMESPACE,
      '@_xml:lang': parts.language,
      id: parts.id,
      title: xmlText(parts.title),
      // NOTE: with no entries the feed's time is now: Atom requires one, and nothing else changed.
      updated: parts.updated,
      author: { name: xmlText(parts.author) },
      link: [
        { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': parts.self },
        { '@_rel': 'alternate', '@_type': 'text/html', '@_href': parts.alternate },
      ],
      entry: parts.entries,
    },
  }) as string;
}

function latest(times: readonly string[]): string | undefined {
  return times.reduce<string | undefined>(
    (newest, time) => (newest === undefined || time > newest ? time : newest),
    undefined,
  );
}

const BUILDER = new XMLBuilder({
  ignoreAttributes: false,
  format: true,
  indentBy: '  ',
  // Every text and attribute is escaped, so what a person typed can never become markup.
  processEntities: true,
  suppressEmptyNode: true,
});
