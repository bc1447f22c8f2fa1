import type { FastifyPluginAsync } from 'fastify';
import type { Language, OutboxChannel } from '@vaka/domain';
import type { OutboxMessage } from '@vaka/db';
import type { Sender } from './channels.ts';
import { escapeHtml } from '../../html.ts';

/** A message the demo would have sent, as the demo phone shows it. */
interface DemoMessage {
  channel: OutboxChannel;
  to: string;
  subject: string;
  body: string;
  at: Date;
}

/** The newest messages kept; the demo phone is for trying Vaka out, not a record. */
const KEPT = 200;

/**
 * Where the demo's SMS and e-mail go when no SMS gateway or SMTP server is configured: a page in
 * Vaka, `/demo/phone`, so that whoever tries the demo can read the messages and answer through
 * their links. Nothing leaves the machine, and the page says so. Kept in memory only.
 */
export class DemoPhone {
  readonly #messages: DemoMessage[] = [];

  constructor(private readonly clock: () => Date) {}

  /** A sender that puts the message on the demo phone. */
  readonly sender: Sender = async (message: OutboxMessage) => {
    this.#messages.unshift({
      channel: message.channel,
      to: message.recipient,
      subject: message.subject,
      body: message.body,
      at: this.clock(),
    });
    this.#messages.length = Math.min(this.#messages.length, KEPT);
  };

  /** The messages, newest first. */
  get messages(): readonly DemoMessage[] {
    return this.#messages;
  }
}

const TEXT: Record<Language, { title: string; intro: string; empty: string }> = {
  sv: {
    title: 'Demotelefonen',
    intro:
      'Demon skickar inga sms eller e-post: det som skulle ha gått ut hamnar här, nyast först. Öppna länken i ett meddelande för att svara som mottagaren.',
    empty: 'Inga meddelanden ännu. Eskalera en händelse i konsolen.',
  },
  fi: {
    title: 'Demopuhelin',
    intro:
      'Demo ei lähetä tekstiviestejä eikä sähköposteja: lähtevät viestit näkyvät tässä, uusin ensin. Avaa viestin linkki vastataksesi vastaanottajana.',
    empty: 'Ei viestejä vielä. Eskaloi tilanne konsolissa.',
  },
  en: {
    title: 'The demo phone',
    intro:
      'The demo sends no SMS or e-mail: what would have gone out lands here, newest first. Open a message’s link to answer as its recipient.',
    empty: 'No messages yet. Escalate an incident in the console.',
  },
  cs: {
    title: 'Demo telefon',
    intro:
      'Demo neposílá SMS ani e-maily: co by odešlo, se objeví zde, nejnovější nahoře. Otevřete odkaz ve zprávě a odpovězte jako příjemce.',
    empty: 'Zatím žádné zprávy. Eskalujte událost v konzoli.',
  },
};

/** `GET /demo/phone`: the demo phone's messages, or a 404 outside the demo. */
export function demoPhoneRoutes(options: {
  phone: DemoPhone | undefined;
  language: Language;
  timeZone: string;
}): FastifyPluginAsync {
  return async (app) => {
    app.get('/demo/phone', { schema: { hide: true } }, async (_request, reply) => {
      if (options.phone === undefined) {
        return reply.code(404).send({
          statusCode: 404,
          error: 'Not Found',
          message:
            'The demo phone exists only in the demo (VAKA_DEMO=1) without an SMS gateway or SMTP server',
        });
      }
      const text = TEXT[options.language];
      const time = new Intl.DateTimeFormat(options.language, {
        timeZone: options.timeZone,
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
      const items = options.phone.messages
        .map(
          (message) => `<li>
  <p class="head"><strong>${escapeHtml(message.channel.toUpperCase())}</strong> → ${escapeHtml(message.to)} · ${escapeHtml(time.format(message.at))}</p>
  ${message.channel === 'email' ? `<p class="subject">${escapeHtml(message.subject)}</p>` : ''}
  <p class="body">${linked(message.body)}</p>
</li>`,
        )
        .join('\n');
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store').send(`<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(text.title)}</title>
<style>
  body { font: 17px/1.5 system-ui, sans-serif; margin: 0 auto; padding: 1rem; max-width: 40rem; color: #111; }
  ol { list-style: none; padding: 0; }
  li { border: 1px solid #bbb; border-radius: .5rem; padding: .6rem .8rem; margin: .6rem 0; }
  .head { margin: 0; color: #333; } .subject { margin: .3rem 0 0; font-weight: 600; }
  .body { margin: .3rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  a { color: #1d3b6e; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(text.title)}</h1>
<p>${escapeHtml(text.intro)}</p>
${items === '' ? `<p>${escapeHtml(text.empty)}</p>` : `<ol>\n${items}\n</ol>`}
</main>
</body>
</html>
`);
    });
  };
}

/** The text, escaped, with its acknowledgement links made clickable. */
function linked(body: string): string {
  return escapeHtml(body).replace(
    /https?:\/\/[^\s<]+\/ack\/[A-Za-z0-9_-]+/g,
    (url) => `<a href="${url}">${url}</a>`,
  );
}
