import type { Category, Language, Severity } from '../contracts/enums.ts';
import type { Incident } from '../contracts/incident.ts';
import {
  MessageCertainty,
  MessageSeverity,
  MessageUrgency,
  type MessageFields,
  type MessageLanguages,
  type MessageVariant,
} from '../contracts/message.ts';

/** What a category is called in a public message, in each language. */
const CATEGORY_WORDS: Record<Category, Record<Language, string>> = {
  fire: { sv: 'Brand', fi: 'Tulipalo', en: 'Fire', cs: 'Požár' },
  severe_weather: { sv: 'Oväder', fi: 'Rajuilma', en: 'Severe weather', cs: 'Nepříznivé počasí' },
  flooding: { sv: 'Översvämning', fi: 'Tulva', en: 'Flooding', cs: 'Povodeň' },
  public_order: {
    sv: 'Ordningsstörning',
    fi: 'Järjestyshäiriö',
    en: 'Public order',
    cs: 'Narušení pořádku',
  },
  public_event: { sv: 'Evenemang', fi: 'Yleisötapahtuma', en: 'Public event', cs: 'Veřejná akce' },
  demonstration: {
    sv: 'Demonstration',
    fi: 'Mielenosoitus',
    en: 'Demonstration',
    cs: 'Demonstrace',
  },
  state_visit: { sv: 'Statsbesök', fi: 'Valtiovierailu', en: 'State visit', cs: 'Státní návštěva' },
  crime_violence: {
    sv: 'Våldsbrott',
    fi: 'Väkivaltarikos',
    en: 'Violent crime',
    cs: 'Násilný trestný čin',
  },
  threat_against_officials: {
    sv: 'Hot mot förtroendevalda',
    fi: 'Uhka luottamushenkilöitä kohtaan',
    en: 'Threat against officials',
    cs: 'Ohrožení úředníků',
  },
  it_security: {
    sv: 'IT-incident',
    fi: 'Tietoturvapoikkeama',
    en: 'IT incident',
    cs: 'Kybernetický incident',
  },
  utility_power: { sv: 'Elavbrott', fi: 'Sähkökatko', en: 'Power cut', cs: 'Výpadek proudu' },
  utility_water: {
    sv: 'Vattenavbrott',
    fi: 'Vesikatko',
    en: 'Water supply disruption',
    cs: 'Přerušení dodávky vody',
  },
  utility_heating: {
    sv: 'Fjärrvärmeavbrott',
    fi: 'Kaukolämpökatko',
    en: 'Heating outage',
    cs: 'Výpadek topení',
  },
  utility_telecom: {
    sv: 'Teleavbrott',
    fi: 'Tietoliikennehäiriö',
    en: 'Telecom outage',
    cs: 'Výpadek telekomunikací',
  },
  transport: {
    sv: 'Trafikstörning',
    fi: 'Liikennehäiriö',
    en: 'Traffic disruption',
    cs: 'Dopravní omezení',
  },
  health: { sv: 'Hälsorisk', fi: 'Terveysvaara', en: 'Health risk', cs: 'Zdravotní riziko' },
  cbrn_terror: {
    sv: 'Farliga ämnen',
    fi: 'Vaaralliset aineet',
    en: 'Hazardous substances',
    cs: 'Nebezpečné látky',
  },
  other: {
    sv: 'Viktigt meddelande',
    fi: 'Tärkeä tiedote',
    en: 'Important message',
    cs: 'Důležité oznámení',
  },
};

/** What people are usually asked to do, by category; the communicator adapts it. */
const INSTRUCTIONS: Partial<Record<Category, Record<Language, string>>> = {
  fire: {
    sv: 'Håll dig borta från området. Stäng fönster och dörrar och stäng av ventilationen om röken når dig.',
    fi: 'Pysy poissa alueelta. Sulje ikkunat ja ovet ja ilmanvaihto, jos savu tulee luoksesi.',
    en: 'Keep away from the area. Close windows and doors and turn off ventilation if the smoke reaches you.',
    cs: 'Vyhněte se oblasti. Pokud k vám dolehne kouř, zavřete okna a dveře a vypněte větrání.',
  },
  severe_weather: {
    sv: 'Stanna inomhus om du kan. Undvik onödiga resor och håll dig uppdaterad.',
    fi: 'Pysy sisällä, jos voit. Vältä tarpeettomia matkoja ja seuraa tiedotusta.',
    en: 'Stay indoors if you can. Avoid unnecessary travel and keep yourself informed.',
    cs: 'Pokud můžete, zůstaňte uvnitř. Vyhněte se zbytečným cestám a sledujte informace.',
  },
  flooding: {
    sv: 'Undvik området. Kör och gå inte genom vatten på vägen.',
    fi: 'Vältä aluetta. Älä aja tai kävele tulvaveden läpi.',
    en: 'Avoid the area. Do not drive or walk through water on the road.',
    cs: 'Vyhněte se oblasti. Nejezděte ani nechoďte zaplavenou vozovkou.',
  },
  utility_water: {
    sv: 'Koka dricksvattnet tills vidare. Vattentankar finns utställda i området.',
    fi: 'Keitä juomavesi toistaiseksi. Alueelle on tuotu vesisäiliöitä.',
    en: 'Boil drinking water until further notice. Water tanks are set up in the area.',
    cs: 'Do odvolání pitnou vodu převařujte. V oblasti jsou přistavěny cisterny.',
  },
  utility_power: {
    sv: 'Använd inte levande ljus utan uppsikt. Ring 112 bara vid nödläge.',
    fi: 'Älä jätä kynttilöitä valvomatta. Soita 112 vain hätätilanteessa.',
    en: 'Do not leave candles unattended. Call 112 only in an emergency.',
    cs: 'Nenechávejte svíčky bez dozoru. Linku 112 volejte jen v nouzi.',
  },
  transport: {
    sv: 'Välj en annan väg och räkna med förseningar.',
    fi: 'Valitse toinen reitti ja varaudu viivästyksiin.',
    en: 'Choose another route and expect delays.',
    cs: 'Zvolte jinou trasu a počítejte se zpožděním.',
  },
  cbrn_terror: {
    sv: 'Gå inomhus, stäng dörrar, fönster och ventilation. Lyssna på radio och följ myndigheternas råd.',
    fi: 'Mene sisälle, sulje ovet, ikkunat ja ilmanvaihto. Seuraa radiota ja viranomaisten ohjeita.',
    en: 'Go indoors, close doors, windows and ventilation. Listen to the radio and follow the authorities’ advice.',
    cs: 'Jděte dovnitř, zavřete dveře, okna a větrání. Poslouchejte rádio a řiďte se pokyny úřadů.',
  },
};

const GENERAL_INSTRUCTION: Record<Language, string> = {
  sv: 'Följ myndigheternas råd och håll dig uppdaterad.',
  fi: 'Noudata viranomaisten ohjeita ja seuraa tiedotusta.',
  en: 'Follow the authorities’ advice and keep yourself informed.',
  cs: 'Řiďte se pokyny úřadů a sledujte informace.',
};

const SEVERITY: Record<Severity, MessageSeverity> = {
  minor: MessageSeverity.minor,
  moderate: MessageSeverity.moderate,
  serious: MessageSeverity.severe,
  critical: MessageSeverity.extreme,
};

/** The word for a category in a public message. */
export function categoryWord(category: Category, language: Language): string {
  return CATEGORY_WORDS[category][language];
}

/** A message's first draft in each owed language, from a category's template. */
export function templateVariant(
  category: Category,
  language: Language,
  place: string,
  facts: string,
): MessageVariant {
  const headline =
    place === ''
      ? categoryWord(category, language)
      : `${categoryWord(category, language)}: ${place}`;
  const instruction = INSTRUCTIONS[category]?.[language] ?? GENERAL_INSTRUCTION[language];
  return {
    language,
    headline,
    description: facts,
    instruction,
    sms: `${headline}. ${instruction}`,
    push: headline,
    social: `${headline}. ${instruction}`,
  };
}

/** How long a drafted message applies unless the communicator changes it. */
const DEFAULT_VALIDITY_HOURS = 6;

/**
 * A message drafted from an incident: its category, its district or address as the area, the
 * facts the journal released to the public, and the category's template in every language the
 * city owes, valid from now for six hours. The facts are in the language they were written in;
 * the communicator translates them where needed.
 */
export function messageDraftFromIncident(
  incident: Pick<Incident, 'category' | 'severity' | 'district' | 'location'>,
  context: {
    issuer: string;
    languages: MessageLanguages;
    /** What the journal holds marked as released to the public, oldest first. */
    facts: readonly string[];
    now: Date;
  },
): MessageFields {
  const place = incident.district?.name ?? incident.location?.address ?? '';
  const facts = context.facts.join('\n\n');
  const languages = [...context.languages.required, ...context.languages.expected];
  const urgent = incident.severity === 'serious' || incident.severity === 'critical';
  return {
    category: incident.category,
    urgency: urgent ? MessageUrgency.immediate : MessageUrgency.expected,
    severity: SEVERITY[incident.severity],
    certainty: MessageCertainty.observed,
    area: {
      description: place,
      districtIds: incident.district === undefined ? [] : [incident.district.id],
    },
    effective: context.now.toISOString(),
    expires: new Date(context.now.getTime() + DEFAULT_VALIDITY_HOURS * 3_600_000).toISOString(),
    issuer: context.issuer,
    exercise: false,
    variants: languages.map((language) =>
      templateVariant(incident.category, language, place, facts),
    ),
  };
}
