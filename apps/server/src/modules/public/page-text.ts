import type { Language } from '@vaka/domain';

/** The words of the public page and feeds, in each language Vaka speaks. */
export interface PublicText {
  title: (city: string) => string;
  asOf: (time: string) => string;
  noMessages: string;
  validity: (from: string, until: string) => string;
  area: string;
  whatToDo: string;
  issuer: string;
  published: string;
  updated: string;
  moreInformation: string;
  notInLanguage: (asked: string, shown: string) => string;
  languages: string;
  follow: string;
  atomFeed: string;
  capFeed: string;
  withdrawn: (headline: string) => string;
}

export const PUBLIC_TEXT: Readonly<Record<Language, PublicText>> = {
  sv: {
    title: (city) => `Varningar och råd – ${city}`,
    asOf: (time) => `Läget ${time}`,
    noMessages: 'Just nu finns inga varningar eller råd från staden.',
    validity: (from, until) => `Gäller från ${from} till ${until}`,
    area: 'Område',
    whatToDo: 'Gör så här',
    issuer: 'Utfärdat av',
    published: 'Publicerat',
    updated: 'Uppdaterat',
    moreInformation: 'Mer information',
    notInLanguage: (asked, shown) => `Meddelandet finns inte på ${asked}. Det visas på ${shown}.`,
    languages: 'Språk',
    follow: 'Följ varningarna',
    atomFeed: 'Atom-flöde',
    capFeed: 'CAP 1.2-flöde (för system)',
    withdrawn: (headline) => `Återkallat: ${headline}`,
  },
  fi: {
    title: (city) => `Varoitukset ja ohjeet – ${city}`,
    asOf: (time) => `Tilanne ${time}`,
    noMessages: 'Tällä hetkellä kaupungilla ei ole voimassa olevia varoituksia tai ohjeita.',
    validity: (from, until) => `Voimassa ${from} – ${until}`,
    area: 'Alue',
    whatToDo: 'Näin toimit',
    issuer: 'Antaja',
    published: 'Julkaistu',
    updated: 'Päivitetty',
    moreInformation: 'Lisätietoja',
    notInLanguage: (asked, shown) =>
      `Tiedotetta ei ole saatavilla kielellä: ${asked}. Se näytetään kielellä: ${shown}.`,
    languages: 'Kieli',
    follow: 'Seuraa varoituksia',
    atomFeed: 'Atom-syöte',
    capFeed: 'CAP 1.2 -syöte (järjestelmille)',
    withdrawn: (headline) => `Peruttu: ${headline}`,
  },
  en: {
    title: (city) => `Warnings and advice – ${city}`,
    asOf: (time) => `As of ${time}`,
    noMessages: 'There are no warnings or advice from the city right now.',
    validity: (from, until) => `Valid from ${from} until ${until}`,
    area: 'Area',
    whatToDo: 'What to do',
    issuer: 'Issued by',
    published: 'Published',
    updated: 'Updated',
    moreInformation: 'More information',
    notInLanguage: (asked, shown) =>
      `This message is not available in ${asked}. It is shown in ${shown}.`,
    languages: 'Language',
    follow: 'Follow the warnings',
    atomFeed: 'Atom feed',
    capFeed: 'CAP 1.2 feed (for systems)',
    withdrawn: (headline) => `Withdrawn: ${headline}`,
  },
  cs: {
    title: (city) => `Varování a rady – ${city}`,
    asOf: (time) => `Stav k ${time}`,
    noMessages: 'Město právě teď nevydalo žádná platná varování ani rady.',
    validity: (from, until) => `Platí od ${from} do ${until}`,
    area: 'Oblast',
    whatToDo: 'Co dělat',
    issuer: 'Vydal',
    published: 'Zveřejněno',
    updated: 'Aktualizováno',
    moreInformation: 'Další informace',
    notInLanguage: (asked, shown) =>
      `Zpráva není k dispozici v jazyce: ${asked}. Zobrazuje se v jazyce: ${shown}.`,
    languages: 'Jazyk',
    follow: 'Sledujte varování',
    atomFeed: 'Kanál Atom',
    capFeed: 'Kanál CAP 1.2 (pro systémy)',
    withdrawn: (headline) => `Odvoláno: ${headline}`,
  },
};

/** A language's name in another language (`in`), or in its own when `in` is left out. */
export function languageName(language: Language, inLanguage: Language = language): string {
  return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(language) ?? language;
}
