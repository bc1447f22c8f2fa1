import type {
  IncidentStatus,
  KeyEventKind,
  Language,
  Severity,
  SituationReportSection,
} from '@vaka/domain';

/** What a situation report says in one of the city's languages: its drafted lines and its headings. */
export interface ReportWords {
  /** The locale times and dates are written in. */
  locale: string;
  title: string;
  /** The start of the PDF's file name, without accents or spaces. */
  fileName: string;
  sections: Record<SituationReportSection, string>;
  nextReport: string;
  nextReportUnset: string;
  number: (number: number, version: number) => string;
  period: string;
  approved: string;
  draft: string;
  draftNotice: string;
  page: (page: number, pages: number) => string;
  severity: Record<Severity, string>;
  status: Record<IncidentStatus, string>;
  keyEvent: Record<KeyEventKind, string>;
  readiness: string;
  openIncidents: (count: number) => string;
  noOpenIncidents: string;
  more: (count: number) => string;
  noKeyEvents: string;
  moreInJournal: string;
  messagesInPeriod: string;
  noMessagesInPeriod: string;
  validMessages: (count: number) => string;
  validUntil: string;
  noValidMessages: string;
  awaiting: string;
  exhausted: string;
  since: string;
  nobodyAnswered: string;
  noAwaiting: string;
  runOutInPeriod: string;
  plannedEvents: string;
  noPlannedEvents: string;
  people: (count: string) => string;
  cancelled: string;
  exercise: string;
  consequencesPrompt: string;
}

/** The words of situation reports in every language Vaka speaks. */
export const REPORT_WORDS: Record<Language, ReportWords> = {
  sv: {
    locale: 'sv-SE',
    title: 'Lägesrapport',
    fileName: 'lagesrapport',
    sections: {
      situation: 'Läget',
      consequences: 'Konsekvenser',
      actions: 'Vidtagna åtgärder',
      communication: 'Kommunikation till allmänheten',
      needs: 'Behov och resurser',
      outlook: 'Bedömning framåt',
    },
    nextReport: 'Nästa rapport',
    nextReportUnset: 'Inte bestämt',
    number: (number, version) => `Nr ${number}${version > 1 ? `, version ${version}` : ''}`,
    period: 'Period',
    approved: 'Godkänd',
    draft: 'UTKAST',
    draftNotice: 'Utkast, inte godkänt',
    page: (page, pages) => `Sida ${page} av ${pages}`,
    severity: { minor: 'Mindre', moderate: 'Måttlig', serious: 'Allvarlig', critical: 'Kritisk' },
    status: {
      new: 'ny',
      acknowledged: 'kvitterad',
      in_progress: 'pågår',
      monitoring: 'bevakas',
      closed: 'avslutad',
    },
    keyEvent: {
      note: 'Anteckning',
      incident_opened: 'Händelse öppnad',
      incident_raised: 'Allvarlighetsgrad höjd',
      incident_closed: 'Händelse avslutad',
      readiness_changed: 'Beredskapsnivå ändrad',
      escalation_started: 'Eskalering påbörjad',
      escalation_accepted: 'Eskalering kvitterad',
      escalation_exhausted: 'Eskalering utan svar',
      message_published: 'Meddelande publicerat',
      message_withdrawn: 'Meddelande återkallat',
    },
    readiness: 'Beredskapsnivå',
    openIncidents: (count) => `Öppna händelser: ${count}`,
    noOpenIncidents: 'Inga öppna händelser.',
    more: (count) => `… och ${count} till.`,
    noKeyEvents: 'Inga nyckelhändelser under perioden.',
    moreInJournal: 'Fler nyckelhändelser finns i loggboken.',
    messagesInPeriod: 'Under perioden:',
    noMessagesInPeriod: 'Inga meddelanden publicerades eller återkallades under perioden.',
    validMessages: (count) => `Gällande meddelanden nu: ${count}`,
    validUntil: 'gäller till',
    noValidMessages: 'Inga meddelanden gäller just nu.',
    awaiting: 'Eskaleringar som väntar på kvittens:',
    exhausted: 'ingen har svarat, tjänstepersonen i beredskap måste agera',
    since: 'sedan',
    nobodyAnswered: 'Eskaleringar som gått ut utan svar under perioden:',
    noAwaiting: 'Inga eskaleringar väntar på kvittens.',
    runOutInPeriod: 'utan svar',
    plannedEvents: 'Planerade evenemang de närmaste 24 timmarna:',
    noPlannedEvents: 'Inga planerade evenemang de närmaste 24 timmarna.',
    people: (count) => `cirka ${count} personer`,
    cancelled: 'inställt',
    exercise: 'ÖVNING',
    consequencesPrompt:
      '[Beskriv konsekvenserna för invånare, verksamheter och samhällsviktiga funktioner.]',
  },
  fi: {
    locale: 'fi-FI',
    title: 'Tilannekatsaus',
    fileName: 'tilannekatsaus',
    sections: {
      situation: 'Tilanne',
      consequences: 'Seuraukset',
      actions: 'Toteutetut toimenpiteet',
      communication: 'Viestintä väestölle',
      needs: 'Tarpeet ja resurssit',
      outlook: 'Näkymät',
    },
    nextReport: 'Seuraava katsaus',
    nextReportUnset: 'Ei päätetty',
    number: (number, version) => `Nro ${number}${version > 1 ? `, versio ${version}` : ''}`,
    period: 'Ajanjakso',
    approved: 'Hyväksytty',
    draft: 'LUONNOS',
    draftNotice: 'Luonnos, ei hyväksytty',
    page: (page, pages) => `Sivu ${page}/${pages}`,
    severity: {
      minor: 'Vähäinen',
      moderate: 'Kohtalainen',
      serious: 'Vakava',
      critical: 'Kriittinen',
    },
    status: {
      new: 'uusi',
      acknowledged: 'kuitattu',
      in_progress: 'käsittelyssä',
      monitoring: 'seurannassa',
      closed: 'suljettu',
    },
    keyEvent: {
      note: 'Merkintä',
      incident_opened: 'Tapahtuma avattu',
      incident_raised: 'Vakavuutta nostettu',
      incident_closed: 'Tapahtuma suljettu',
      readiness_changed: 'Valmiustaso muutettu',
      escalation_started: 'Eskalointi aloitettu',
      escalation_accepted: 'Eskalointi kuitattu',
      escalation_exhausted: 'Eskalointi ilman vastausta',
      message_published: 'Tiedote julkaistu',
      message_withdrawn: 'Tiedote peruttu',
    },
    readiness: 'Valmiustaso',
    openIncidents: (count) => `Avoimia tapahtumia: ${count}`,
    noOpenIncidents: 'Ei avoimia tapahtumia.',
    more: (count) => `… ja ${count} muuta.`,
    noKeyEvents: 'Ajanjaksolla ei ollut keskeisiä tapahtumia.',
    moreInJournal: 'Lisää keskeisiä tapahtumia on lokikirjassa.',
    messagesInPeriod: 'Ajanjaksolla:',
    noMessagesInPeriod: 'Ajanjaksolla ei julkaistu eikä peruttu tiedotteita.',
    validMessages: (count) => `Voimassa olevia tiedotteita nyt: ${count}`,
    validUntil: 'voimassa',
    noValidMessages: 'Yksikään tiedote ei ole nyt voimassa.',
    awaiting: 'Kuittausta odottavat eskaloinnit:',
    exhausted: 'kukaan ei ole vastannut, päivystäjän on toimittava',
    since: 'alkaen',
    nobodyAnswered: 'Ajanjaksolla ilman vastausta päättyneet eskaloinnit:',
    noAwaiting: 'Yksikään eskalointi ei odota kuittausta.',
    runOutInPeriod: 'ilman vastausta',
    plannedEvents: 'Suunnitellut tapahtumat seuraavan 24 tunnin aikana:',
    noPlannedEvents: 'Ei suunniteltuja tapahtumia seuraavan 24 tunnin aikana.',
    people: (count) => `noin ${count} henkeä`,
    cancelled: 'peruttu',
    exercise: 'HARJOITUS',
    consequencesPrompt:
      '[Kuvaa seuraukset asukkaille, toimijoille ja yhteiskunnan elintärkeille toiminnoille.]',
  },
  en: {
    locale: 'en-GB',
    title: 'Situation report',
    fileName: 'situation-report',
    sections: {
      situation: 'Situation',
      consequences: 'Consequences',
      actions: 'Actions taken',
      communication: 'Communication to the public',
      needs: 'Needs and resources',
      outlook: 'Outlook',
    },
    nextReport: 'Next report',
    nextReportUnset: 'Not decided',
    number: (number, version) => `No. ${number}${version > 1 ? `, version ${version}` : ''}`,
    period: 'Period',
    approved: 'Approved',
    draft: 'DRAFT',
    draftNotice: 'Draft, not approved',
    page: (page, pages) => `Page ${page} of ${pages}`,
    severity: { minor: 'Minor', moderate: 'Moderate', serious: 'Serious', critical: 'Critical' },
    status: {
      new: 'new',
      acknowledged: 'acknowledged',
      in_progress: 'in progress',
      monitoring: 'monitoring',
      closed: 'closed',
    },
    keyEvent: {
      note: 'Note',
      incident_opened: 'Incident opened',
      incident_raised: 'Severity raised',
      incident_closed: 'Incident closed',
      readiness_changed: 'Readiness changed',
      escalation_started: 'Escalation started',
      escalation_accepted: 'Escalation acknowledged',
      escalation_exhausted: 'Escalation unanswered',
      message_published: 'Message published',
      message_withdrawn: 'Message withdrawn',
    },
    readiness: 'Readiness level',
    openIncidents: (count) => `Open incidents: ${count}`,
    noOpenIncidents: 'No open incidents.',
    more: (count) => `… and ${count} more.`,
    noKeyEvents: 'No key events in the period.',
    moreInJournal: 'More key events are in the journal.',
    messagesInPeriod: 'In the period:',
    noMessagesInPeriod: 'No message was published or withdrawn in the period.',
    validMessages: (count) => `Messages valid now: ${count}`,
    validUntil: 'valid until',
    noValidMessages: 'No message is valid now.',
    awaiting: 'Escalations awaiting acknowledgement:',
    exhausted: 'nobody has answered, the duty officer must act',
    since: 'since',
    nobodyAnswered: 'Escalations that ran out unanswered in the period:',
    noAwaiting: 'No escalation is awaiting acknowledgement.',
    runOutInPeriod: 'unanswered',
    plannedEvents: 'Planned events in the next 24 hours:',
    noPlannedEvents: 'No planned events in the next 24 hours.',
    people: (count) => `about ${count} people`,
    cancelled: 'cancelled',
    exercise: 'EXERCISE',
    consequencesPrompt: '[Describe the consequences for residents, businesses and vital services.]',
  },
  cs: {
    locale: 'cs-CZ',
    title: 'Situační zpráva',
    fileName: 'situacni-zprava',
    sections: {
      situation: 'Situace',
      consequences: 'Dopady',
      actions: 'Přijatá opatření',
      communication: 'Komunikace s veřejností',
      needs: 'Potřeby a zdroje',
      outlook: 'Výhled',
    },
    nextReport: 'Příští zpráva',
    nextReportUnset: 'Neurčeno',
    number: (number, version) => `Č. ${number}${version > 1 ? `, verze ${version}` : ''}`,
    period: 'Období',
    approved: 'Schváleno',
    draft: 'NÁVRH',
    draftNotice: 'Návrh, neschváleno',
    page: (page, pages) => `Strana ${page} z ${pages}`,
    severity: { minor: 'Nízká', moderate: 'Střední', serious: 'Vážná', critical: 'Kritická' },
    status: {
      new: 'nová',
      acknowledged: 'převzatá',
      in_progress: 'řeší se',
      monitoring: 'sleduje se',
      closed: 'uzavřená',
    },
    keyEvent: {
      note: 'Záznam',
      incident_opened: 'Událost otevřena',
      incident_raised: 'Závažnost zvýšena',
      incident_closed: 'Událost uzavřena',
      readiness_changed: 'Stupeň pohotovosti změněn',
      escalation_started: 'Eskalace zahájena',
      escalation_accepted: 'Eskalace potvrzena',
      escalation_exhausted: 'Eskalace bez odpovědi',
      message_published: 'Zpráva zveřejněna',
      message_withdrawn: 'Zpráva stažena',
    },
    readiness: 'Stupeň pohotovosti',
    openIncidents: (count) => `Otevřené události: ${count}`,
    noOpenIncidents: 'Žádné otevřené události.',
    more: (count) => `… a dalších ${count}.`,
    noKeyEvents: 'V období nenastaly žádné klíčové události.',
    moreInJournal: 'Další klíčové události jsou v deníku.',
    messagesInPeriod: 'V období:',
    noMessagesInPeriod: 'V období nebyla zveřejněna ani stažena žádná zpráva.',
    validMessages: (count) => `Platné zprávy: ${count}`,
    validUntil: 'platí do',
    noValidMessages: 'Žádná zpráva nyní neplatí.',
    awaiting: 'Eskalace čekající na potvrzení:',
    exhausted: 'nikdo neodpověděl, službu konající pracovník musí jednat',
    since: 'od',
    nobodyAnswered: 'Eskalace, které v období skončily bez odpovědi:',
    noAwaiting: 'Žádná eskalace nečeká na potvrzení.',
    runOutInPeriod: 'bez odpovědi',
    plannedEvents: 'Plánované akce v příštích 24 hodinách:',
    noPlannedEvents: 'V příštích 24 hodinách nejsou plánované žádné akce.',
    people: (count) => `asi ${count} osob`,
    cancelled: 'zrušeno',
    exercise: 'CVIČENÍ',
    consequencesPrompt: '[Popište dopady na obyvatele, podniky a životně důležité služby.]',
  },
};
