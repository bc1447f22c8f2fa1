import type { Language, NotificationChannel } from '@vaka/domain';

/** What a notification says, in the contact's language. */
export interface NotificationText {
  subject: string;
  body: string;
}

/** The facts a notification carries. */
export interface NotificationFacts {
  cityName: string;
  unitName: string;
  incidentTitle: string;
  address: string | undefined;
  brief: string;
  link: string;
  /** When the link stops working, in the city's time, e.g. "23.11. 06:48". */
  linkExpires: string;
}

interface Phrases {
  subject: (f: NotificationFacts) => string;
  asked: (f: NotificationFacts) => string;
  place: string;
  answer: string;
  expires: (f: NotificationFacts) => string;
}

const PHRASES: Record<Language, Phrases> = {
  sv: {
    subject: (f) => `${f.cityName}: ${f.unitName} ombeds ta över – ${f.incidentTitle}`,
    asked: (f) => `${f.cityName} ber ${f.unitName} ta över en händelse.`,
    place: 'Plats',
    answer: 'Svara här (ta emot, avböj eller hänvisa):',
    expires: (f) => `Länken gäller till ${f.linkExpires}.`,
  },
  fi: {
    subject: (f) => `${f.cityName}: ${f.unitName} pyydetään ottamaan vastuu – ${f.incidentTitle}`,
    asked: (f) => `${f.cityName} pyytää yksikköä ${f.unitName} ottamaan tilanteen hoitaakseen.`,
    place: 'Paikka',
    answer: 'Vastaa tästä (ota vastaan, kieltäydy tai ohjaa muualle):',
    expires: (f) => `Linkki on voimassa ${f.linkExpires} asti.`,
  },
  en: {
    subject: (f) => `${f.cityName}: ${f.unitName} is asked to take over – ${f.incidentTitle}`,
    asked: (f) => `${f.cityName} asks ${f.unitName} to take over an incident.`,
    place: 'Where',
    answer: 'Answer here (accept, decline or redirect):',
    expires: (f) => `The link works until ${f.linkExpires}.`,
  },
  cs: {
    subject: (f) => `${f.cityName}: ${f.unitName} je žádán(a) o převzetí – ${f.incidentTitle}`,
    asked: (f) => `${f.cityName} žádá ${f.unitName} o převzetí události.`,
    place: 'Místo',
    answer: 'Odpovězte zde (přijmout, odmítnout nebo přesměrovat):',
    expires: (f) => `Odkaz platí do ${f.linkExpires}.`,
  },
};

/**
 * The message for one contact. An SMS is kept short (the subject line, the brief and the link);
 * an e-mail adds the place and when the link stops working.
 */
export function notificationText(
  channel: NotificationChannel,
  language: Language,
  facts: NotificationFacts,
): NotificationText {
  const phrases = PHRASES[language];
  const subject = phrases.subject(facts);
  if (channel === 'sms') {
    return { subject, body: `${subject}\n${facts.brief}\n${facts.link}` };
  }
  const lines = [
    phrases.asked(facts),
    '',
    facts.incidentTitle,
    ...(facts.address === undefined ? [] : [`${phrases.place}: ${facts.address}`]),
    '',
    facts.brief,
    '',
    phrases.answer,
    facts.link,
    '',
    phrases.expires(facts),
  ];
  return { subject, body: lines.join('\n') };
}
