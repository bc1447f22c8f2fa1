import type { Language } from '@vaka/domain';
import type { LinkAnswer } from './service.ts';
import { escapeHtml } from '../../html.ts';

interface PageText {
  title: string;
  asked: (unit: string) => string;
  brief: string;
  where: string;
  accept: string;
  decline: string;
  declineReason: string;
  redirect: string;
  redirectUnit: string;
  redirectReason: string;
  chooseUnit: string;
  invalid: string;
  expired: string;
  answered: (response: string, at: string) => string;
  over: Record<'accepted' | 'redirected' | 'cancelled', (by: string, at: string) => string>;
  done: Record<'accept' | 'decline' | 'redirect', string>;
  doneWaiting: string;
  responses: Record<'accepted' | 'declined' | 'redirected', string>;
  callDutyOfficer: string;
}

const TEXT: Record<Language, PageText> = {
  sv: {
    title: 'Begäran om att ta över',
    asked: (unit) => `${unit} ombeds ta över den här händelsen.`,
    brief: 'Uppdrag',
    where: 'Plats',
    accept: 'Ta emot',
    decline: 'Avböj',
    declineReason: 'Varför kan ni inte ta den?',
    redirect: 'Hänvisa till en annan enhet',
    redirectUnit: 'Enhet som ska ta den i stället',
    redirectReason: 'Varför?',
    chooseUnit: 'Välj enhet',
    invalid:
      'Länken är inte giltig. Kontrollera att hela länken kom med, eller ring tjänsteman i beredskap.',
    expired: 'Länken har gått ut. Ring tjänsteman i beredskap om ärendet fortfarande gäller er.',
    answered: (response, at) =>
      `Du har redan svarat (${response}, ${at}). Länken kan bara användas en gång.`,
    over: {
      accepted: (by, at) => `${by} tog redan emot ärendet ${at}. Du behöver inte göra något.`,
      redirected: (by, at) =>
        `${by} hänvisade ärendet till en annan enhet ${at}. Du behöver inte göra något.`,
      cancelled: (_by, at) =>
        `Tjänsteman i beredskap avbröt begäran ${at}. Du behöver inte göra något.`,
    },
    done: {
      accept: 'Tack! Du har tagit emot ärendet. Tjänsteman i beredskap ser det nu.',
      decline: 'Ditt svar är registrerat. Nästa person tillfrågas.',
      redirect: 'Ditt svar är registrerat. Den enhet du valde tillfrågas nu.',
    },
    doneWaiting: 'Tack! Steget kräver att alla tar emot; vi väntar på de andra.',
    responses: { accepted: 'tagit emot', declined: 'avböjt', redirected: 'hänvisat' },
    callDutyOfficer: 'Frågor? Ring tjänsteman i beredskap.',
  },
  fi: {
    title: 'Pyyntö ottaa vastuu',
    asked: (unit) => `Yksikköä ${unit} pyydetään ottamaan tämä tilanne hoitaakseen.`,
    brief: 'Tehtävä',
    where: 'Paikka',
    accept: 'Ota vastaan',
    decline: 'Kieltäydy',
    declineReason: 'Miksi ette voi ottaa sitä?',
    redirect: 'Ohjaa toiselle yksikölle',
    redirectUnit: 'Yksikkö, jonka pitäisi ottaa se',
    redirectReason: 'Miksi?',
    chooseUnit: 'Valitse yksikkö',
    invalid:
      'Linkki ei ole kelvollinen. Tarkista, että koko linkki tuli mukaan, tai soita päivystäjälle.',
    expired: 'Linkki on vanhentunut. Soita päivystäjälle, jos asia yhä koskee teitä.',
    answered: (response, at) =>
      `Olet jo vastannut (${response}, ${at}). Linkkiä voi käyttää vain kerran.`,
    over: {
      accepted: (by, at) => `${by} otti tehtävän jo vastaan ${at}. Sinun ei tarvitse tehdä mitään.`,
      redirected: (by, at) =>
        `${by} ohjasi tehtävän toiselle yksikölle ${at}. Sinun ei tarvitse tehdä mitään.`,
      cancelled: (_by, at) => `Päivystäjä perui pyynnön ${at}. Sinun ei tarvitse tehdä mitään.`,
    },
    done: {
      accept: 'Kiitos! Olet ottanut tehtävän vastaan. Päivystäjä näkee sen nyt.',
      decline: 'Vastauksesi on kirjattu. Seuraavalta kysytään.',
      redirect: 'Vastauksesi on kirjattu. Valitsemaltasi yksiköltä kysytään nyt.',
    },
    doneWaiting: 'Kiitos! Tämä vaihe vaatii kaikkien vastauksen; odotamme muita.',
    responses: { accepted: 'otettu vastaan', declined: 'kieltäydytty', redirected: 'ohjattu' },
    callDutyOfficer: 'Kysyttävää? Soita päivystäjälle.',
  },
  en: {
    title: 'Request to take over',
    asked: (unit) => `${unit} is asked to take over this incident.`,
    brief: 'The task',
    where: 'Where',
    accept: 'Accept',
    decline: 'Decline',
    declineReason: 'Why can you not take it?',
    redirect: 'Redirect to another unit',
    redirectUnit: 'The unit that should take it instead',
    redirectReason: 'Why?',
    chooseUnit: 'Choose a unit',
    invalid:
      'This link is not valid. Check that the whole link came through, or call the duty officer.',
    expired: 'This link has expired. Call the duty officer if the case still concerns you.',
    answered: (response, at) =>
      `You already answered (${response}, ${at}). A link works only once.`,
    over: {
      accepted: (by, at) => `${by} already accepted the case at ${at}. You need not do anything.`,
      redirected: (by, at) =>
        `${by} redirected the case to another unit at ${at}. You need not do anything.`,
      cancelled: (_by, at) =>
        `The duty officer called the request off at ${at}. You need not do anything.`,
    },
    done: {
      accept: 'Thank you: you have accepted the case. The duty officer sees it now.',
      decline: 'Your answer is recorded. The next person is being asked.',
      redirect: 'Your answer is recorded. The unit you chose is being asked now.',
    },
    doneWaiting: 'Thank you. This step needs everyone to accept; we are waiting for the others.',
    responses: { accepted: 'accepted', declined: 'declined', redirected: 'redirected' },
    callDutyOfficer: 'Questions? Call the duty officer.',
  },
  cs: {
    title: 'Žádost o převzetí',
    asked: (unit) => `${unit} je žádán(a) o převzetí této události.`,
    brief: 'Úkol',
    where: 'Místo',
    accept: 'Přijmout',
    decline: 'Odmítnout',
    declineReason: 'Proč ji nemůžete převzít?',
    redirect: 'Přesměrovat na jinou jednotku',
    redirectUnit: 'Jednotka, která ji má převzít',
    redirectReason: 'Proč?',
    chooseUnit: 'Vyberte jednotku',
    invalid: 'Odkaz není platný. Zkontrolujte, že přišel celý, nebo zavolejte stálou službu.',
    expired: 'Platnost odkazu vypršela. Pokud se vás věc stále týká, zavolejte stálou službu.',
    answered: (response, at) =>
      `Již jste odpověděl(a) (${response}, ${at}). Odkaz platí jen jednou.`,
    over: {
      accepted: (by, at) => `${by} již věc převzal(a) ${at}. Nemusíte nic dělat.`,
      redirected: (by, at) =>
        `${by} přesměroval(a) věc na jinou jednotku ${at}. Nemusíte nic dělat.`,
      cancelled: (_by, at) => `Stálá služba žádost zrušila ${at}. Nemusíte nic dělat.`,
    },
    done: {
      accept: 'Děkujeme, věc jste převzal(a). Stálá služba to nyní vidí.',
      decline: 'Vaše odpověď je zaznamenána. Oslovíme dalšího.',
      redirect: 'Vaše odpověď je zaznamenána. Oslovíme vámi zvolenou jednotku.',
    },
    doneWaiting: 'Děkujeme. Tento krok vyžaduje souhlas všech; čekáme na ostatní.',
    responses: { accepted: 'přijato', declined: 'odmítnuto', redirected: 'přesměrováno' },
    callDutyOfficer: 'Dotazy? Zavolejte stálou službu.',
  },
};

/** The page a link opens: its HTTP status and its HTML. */
export interface AckPage {
  status: number;
  html: string;
}

/**
 * The small page a contact answers on, in their language: plain HTML with one form per answer,
 * so it works on any phone without scripts. Everything shown is escaped.
 */
export function renderAckPage(
  answer: LinkAnswer,
  options: { language: Language; token: string; timeZone: string; error?: string },
): AckPage {
  const text = TEXT[options.language];
  const time = (iso: string | undefined) =>
    iso === undefined
      ? ''
      : new Intl.DateTimeFormat(options.language, {
          timeZone: options.timeZone,
          day: 'numeric',
          month: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
        }).format(new Date(iso));
  switch (answer.kind) {
    case 'invalid':
      return page(404, options.language, text.title, notice(text.invalid));
    case 'expired':
      return page(410, options.language, text.title, notice(text.expired));
    case 'answered': {
      const { response, respondedAt } = answer.notification;
      const said = response === undefined ? '' : text.responses[response];
      return page(
        409,
        options.language,
        text.title,
        notice(text.answered(said, time(respondedAt))),
      );
    }
    case 'over': {
      const { escalation } = answer;
      const status =
        escalation.status === 'accepted' ||
        escalation.status === 'redirected' ||
        escalation.status === 'cancelled'
          ? escalation.status
          : 'cancelled';
      const message = text.over[status](escalation.endedBy ?? '', time(escalation.endedAt));
      return page(409, options.language, text.title, notice(message));
    }
    case 'done': {
      const waiting = answer.action === 'accept' && answer.escalation.status === 'active';
      return page(
        200,
        options.language,
        text.title,
        notice(waiting ? text.doneWaiting : text.done[answer.action], 'done'),
      );
    }
    case 'open': {
      const { escalation, incident, units } = answer;
      const action = `/ack/${encodeURIComponent(options.token)}`;
      const body = `
<p class="lead">${escapeHtml(text.asked(escalation.unitName))}</p>
<h2>${escapeHtml(incident.title)}</h2>
<dl>
  <dt>${escapeHtml(text.brief)}</dt><dd>${escapeHtml(escalation.brief)}</dd>
  ${incident.location?.address === undefined ? '' : `<dt>${escapeHtml(text.where)}</dt><dd>${escapeHtml(incident.location.address)}</dd>`}
</dl>
${options.error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(options.error)}</p>`}
<form method="post" action="${action}">
  <input type="hidden" name="action" value="accept">
  <button type="submit" class="primary">${escapeHtml(text.accept)}</button>
</form>
<details>
  <summary>${escapeHtml(text.decline)}</summary>
  <form method="post" action="${action}">
    <input type="hidden" name="action" value="decline">
    <label for="decline-reason">${escapeHtml(text.declineReason)}</label>
    <textarea id="decline-reason" name="reason" required maxlength="1000" rows="3"></textarea>
    <button type="submit">${escapeHtml(text.decline)}</button>
  </form>
</details>
${
  units.length === 0
    ? ''
    : `<details>
  <summary>${escapeHtml(text.redirect)}</summary>
  <form method="post" action="${action}">
    <input type="hidden" name="action" value="redirect">
    <label for="redirect-unit">${escapeHtml(text.redirectUnit)}</label>
    <select id="redirect-unit" name="unitId" required>
      <option value="">${escapeHtml(text.chooseUnit)}</option>
      ${units.map((unit) => `<option value="${escapeHtml(unit.id)}">${escapeHtml(unit.name)}</option>`).join('\n      ')}
    </select>
    <label for="redirect-reason">${escapeHtml(text.redirectReason)}</label>
    <textarea id="redirect-reason" name="reason" required maxlength="1000" rows="3"></textarea>
    <button type="submit">${escapeHtml(text.redirect)}</button>
  </form>
</details>`
}
<p class="small">${escapeHtml(text.callDutyOfficer)}</p>`;
      return page(options.error === undefined ? 200 : 400, options.language, text.title, body);
    }
  }
}

function notice(message: string, kind: 'done' | 'stop' = 'stop'): string {
  return `<p class="notice ${kind}" role="status">${escapeHtml(message)}</p>`;
}

function page(status: number, language: Language, title: string, body: string): AckPage {
  return {
    status,
    html: `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>
  body { font: 18px/1.5 system-ui, sans-serif; margin: 0; padding: 1rem; color: #111; background: #fff; max-width: 36rem; }
  h1 { font-size: 1.3rem; margin: 0 0 .5rem; }
  h2 { font-size: 1.15rem; margin: 1rem 0 .25rem; }
  dt { font-weight: 600; } dd { margin: 0 0 .5rem; }
  button { font: inherit; width: 100%; min-height: 3rem; margin: .5rem 0; border: 2px solid #1d3b6e; border-radius: .4rem; background: #fff; color: #1d3b6e; }
  button.primary { background: #1d3b6e; color: #fff; font-weight: 600; }
  button:focus-visible, summary:focus-visible, textarea:focus-visible, select:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
  details { margin: .75rem 0; border-top: 1px solid #ccc; padding-top: .5rem; }
  summary { cursor: pointer; min-height: 2.5rem; line-height: 2.5rem; color: #1d3b6e; }
  label { display: block; margin-top: .5rem; }
  textarea, select { font: inherit; width: 100%; box-sizing: border-box; }
  .notice { padding: .75rem; border-radius: .4rem; border: 2px solid; }
  .notice.done { border-color: #1b6e2a; background: #eef8f0; }
  .notice.stop { border-color: #8a5a00; background: #fdf6e6; }
  .error { color: #a00000; font-weight: 600; }
  .small { font-size: .9rem; color: #444; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`,
  };
}
