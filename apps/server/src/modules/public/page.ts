import type { CitySettings, Language, PublicMessage } from '@vaka/domain';
import { escapeHtml } from '../../html.ts';
import { shownVariant } from './language.ts';
import { PUBLIC_TEXT, languageName } from './page-text.ts';

/** What the public page is drawn from. */
export interface PublicPageInput {
  city: Pick<CitySettings, 'name' | 'languages' | 'messageLanguages' | 'timeZone'>;
  /** The valid messages, newest first. */
  messages: readonly PublicMessage[];
  language: Language;
  now: Date;
}

/**
 * The public page: the valid messages in the reader's language, as plain HTML that needs no
 * script, with a language switcher and the feeds as links. Everything a person typed is escaped.
 */
export function renderPublicPage({ city, messages, language, now }: PublicPageInput): string {
  const text = PUBLIC_TEXT[language];
  const title = text.title(city.name);
  const time = timeFormat(language, city.timeZone);
  const input = { city, language, time };
  const body =
    messages.length === 0
      ? `<p class="none" role="status">${escapeHtml(text.noMessages)}</p>`
      : messages.map((message) => renderMessage(message, input)).join('\n');
  const switcher = [...new Set([...city.languages, language])]
    .map((code) =>
      code === language
        ? `<li><a href="?lang=${code}" lang="${code}" aria-current="page">${escapeHtml(languageName(code))}</a></li>`
        : `<li><a href="?lang=${code}" lang="${code}" hreflang="${code}">${escapeHtml(languageName(code))}</a></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="alternate" type="application/atom+xml" href="/public/feed.atom?lang=${language}" title="${escapeHtml(text.atomFeed)}">
<link rel="alternate" type="application/atom+xml" href="/public/cap/feed.atom" title="${escapeHtml(text.capFeed)}">
<style>
  body { font: 18px/1.5 system-ui, sans-serif; margin: 0 auto; padding: 1rem; color: #111; background: #fff; max-width: 42rem; }
  h1 { font-size: 1.5rem; line-height: 1.25; margin: .25rem 0; }
  h2 { font-size: 1.25rem; line-height: 1.3; margin: 0 0 .5rem; }
  h3 { font-size: 1rem; margin: 0 0 .25rem; }
  nav ul { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
  a { color: #0b3d91; text-underline-offset: .15em; }
  a[aria-current] { font-weight: 700; color: #111; text-decoration: none; }
  a:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
  article { border: 2px solid #1d3b6e; border-radius: .5rem; padding: 1rem; margin: 1rem 0; }
  article p { white-space: pre-line; margin: .5rem 0; }
  .todo { background: #fff4d6; border-left: .4rem solid #8a5a00; padding: .5rem .75rem; margin: .75rem 0; }
  .note { font-style: italic; color: #333; }
  .meta, .small { font-size: .9rem; color: #333; }
  dl { margin: .5rem 0; } dt { font-weight: 600; display: inline; } dd { display: inline; margin: 0 0 0 .25rem; }
  dl div { margin: .15rem 0; }
  .none { padding: 1rem; border: 2px solid #1b6e2a; background: #eef8f0; border-radius: .5rem; }
  footer { margin-top: 2rem; border-top: 1px solid #ccc; padding-top: .5rem; }
</style>
</head>
<body>
<header>
<nav aria-label="${escapeHtml(text.languages)}"><ul>${switcher}</ul></nav>
<h1>${escapeHtml(title)}</h1>
<p class="small">${escapeHtml(text.asOf(time(now.toISOString()).text))}</p>
</header>
<main>
${body}
</main>
<footer>
<p class="small">${escapeHtml(text.follow)}: <a href="/public/feed.atom?lang=${language}" type="application/atom+xml">${escapeHtml(text.atomFeed)}</a> · <a href="/public/cap/feed.atom" type="application/atom+xml">${escapeHtml(text.capFeed)}</a></p>
</footer>
</body>
</html>
`;
}

interface MessageInput {
  city: PublicPageInput['city'];
  language: Language;
  time: TimeFormat;
}

function renderMessage(message: PublicMessage, { city, language, time }: MessageInput): string {
  const shown = shownVariant(message, language, city);
  if (shown === undefined) return '';
  const { variant, fallback } = shown;
  const text = PUBLIC_TEXT[language];
  // The page's own words keep the page's language inside an article in another one.
  const own = variant.language === language ? '' : ` lang="${language}"`;
  const label = (words: string) => `<span${own}>${escapeHtml(words)}</span>`;
  const headingId = `message-${message.id}-headline`;
  const from = timeElement(time(message.effective));
  const until = timeElement(time(message.expires));
  const area = message.area.description.trim();
  const note = fallback
    ? `<p class="note"${own}>${escapeHtml(
        text.notInLanguage(
          languageName(language, language),
          languageName(variant.language, language),
        ),
      )}</p>`
    : '';
  const published = message.publishedAt === undefined ? undefined : time(message.publishedAt);
  const lines = [
    `<article id="message-${message.id}" lang="${variant.language}" aria-labelledby="${headingId}">`,
    `<h2 id="${headingId}">${escapeHtml(variant.headline)}</h2>`,
    note,
    `<p class="meta"${own}>${validity(text, from, until)}</p>`,
    variant.description.trim() === '' ? '' : `<p>${escapeHtml(variant.description)}</p>`,
    variant.instruction.trim() === ''
      ? ''
      : `<section class="todo" aria-label="${escapeHtml(text.whatToDo)}"><h3${own}>${escapeHtml(text.whatToDo)}</h3><p><strong>${escapeHtml(variant.instruction)}</strong></p></section>`,
    '<dl>',
    area === '' ? '' : `<div><dt>${label(text.area)}</dt><dd>${escapeHtml(area)}</dd></div>`,
    `<div><dt>${label(text.issuer)}</dt><dd>${escapeHtml(message.issuer)}</dd></div>`,
    published === undefined
      ? ''
      : `<div><dt>${label(message.version > 1 ? text.updated : text.published)}</dt><dd>${timeElement(published)}</dd></div>`,
    '</dl>',
    message.link === undefined
      ? ''
      : `<p><a href="${escapeHtml(message.link)}"${own} rel="external">${escapeHtml(text.moreInformation)}</a></p>`,
    '</article>',
  ];
  return lines.filter((line) => line !== '').join('\n');
}

/** The sentence of validity, with its two times as elements (already safe HTML). */
function validity(
  text: (typeof PUBLIC_TEXT)[Language],
  fromHtml: string,
  untilHtml: string,
): string {
  // The sentence is ours; only the times are put in, so escape the words around them.
  const marker = '\u0000';
  return escapeHtml(text.validity(`${marker}1`, `${marker}2`))
    .replace(`${marker}1`, fromHtml)
    .replace(`${marker}2`, untilHtml);
}

interface FormattedTime {
  iso: string;
  text: string;
}
type TimeFormat = (iso: string) => FormattedTime;

/** Times in the city's time zone, as the reader's language writes them. */
function timeFormat(language: Language, timeZone: string): TimeFormat {
  const format = new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  return (iso) => ({ iso, text: format.format(new Date(iso)) });
}

function timeElement({ iso, text }: FormattedTime): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(text)}</time>`;
}
