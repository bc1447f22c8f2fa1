// How many SMS a text takes. A text in the GSM 03.38 alphabet (GSM-7) fits 160 characters in one
// message and 153 per part when split (each part carries a 7-character header); a character of the
// extension table (€ [ ] { } ^ ~ | \ and form feed) costs two. Any other character, such as
// Czech č ř ž or an emoji, makes the whole text UCS-2: 70 in one message, 67 per part, counted in
// UTF-16 code units (an emoji is two). Swedish and Finnish å ä ö Å Ä Ö are GSM-7.

const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENSION = new Set('^{}\\[~]|€\f');

/** The two ways an SMS can be encoded. */
export const SmsEncoding = { gsm7: 'gsm7', ucs2: 'ucs2' } as const;
export type SmsEncoding = (typeof SmsEncoding)[keyof typeof SmsEncoding];

/** What a text costs as SMS. */
export interface SmsLength {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  /** Messages it is sent as; 0 for an empty text. */
  segments: number;
  /** Units left in the last segment before another one starts. */
  remaining: number;
  /** For UCS-2: the first characters that are not GSM-7, to show why. */
  nonGsmCharacters: string[];
}

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
};

/** The encoding, length and number of segments of a text sent as SMS. */
export function smsLength(text: string): SmsLength {
  let septets = 0;
  const nonGsm: string[] = [];
  for (const character of text) {
    if (GSM7_BASIC.has(character)) septets += 1;
    else if (GSM7_EXTENSION.has(character)) septets += 2;
    else if (nonGsm.length < 5 && !nonGsm.includes(character)) nonGsm.push(character);
  }
  // NOTE: a part never splits an extension character's two septets; ignoring that can count one
  // septet short at a part's edge, which the margin of a real message absorbs.
  const encoding = nonGsm.length === 0 ? SmsEncoding.gsm7 : SmsEncoding.ucs2;
  const units = encoding === SmsEncoding.gsm7 ? septets : text.length;
  const { single, part } = LIMITS[encoding];
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / part);
  const capacity = segments <= 1 ? single : segments * part;
  return { encoding, units, segments, remaining: capacity - units, nonGsmCharacters: nonGsm };
}
