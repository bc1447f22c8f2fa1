import {
  MessageCertainty,
  MessageSeverity,
  MessageUrgency,
  templateVariant,
  type Category,
  type CreateMessageRequest,
  type Language,
  type MessageArea,
  type MessageFields,
  type MessageLanguages,
  type MessageVariant,
  type PublicMessage,
  type UpdateMessageRequest,
} from '@vaka/domain';
import { parseCityTime, toCityTimeInput } from '../../lib/time-format.ts';
import {
  closed,
  cornersOf,
  formatCorners,
  parseCorners,
  polygonProblem,
  type Corner,
  type CornerLineError,
  type PolygonProblem,
} from './area-polygon.ts';

/** The message editor as typed: times as the city's wall clock, the link as text. */
export interface MessageForm {
  readonly category: Category;
  readonly urgency: MessageFields['urgency'];
  readonly severity: MessageFields['severity'];
  readonly certainty: MessageFields['certainty'];
  /** The area in words and its districts; the drawn polygon is kept as `corners`. */
  readonly area: Omit<MessageArea, 'polygon'>;
  /** The corners of the area drawn on the map, not closed; none when no area is drawn. */
  readonly corners: readonly Corner[];
  /** The corners as typed, a line each; may hold lines that cannot be read yet. */
  readonly cornerText: string;
  /** `YYYY-MM-DDTHH:mm` in the city's time zone. */
  readonly effective: string;
  readonly expires: string;
  readonly issuer: string;
  readonly link: string;
  readonly exercise: boolean;
  readonly variants: readonly MessageVariant[];
}

/** How long a new message applies unless the author says otherwise. */
const DEFAULT_VALIDITY_MS = 24 * 60 * 60 * 1_000;

/** A variant with nothing written yet. */
export function emptyVariant(language: Language): MessageVariant {
  return {
    language,
    headline: '',
    description: '',
    instruction: '',
    sms: '',
    push: '',
    social: '',
  };
}

/**
 * A new message from scratch: the city's first category, valid from now for a day, issued by the
 * city, with the category's template (headline word, instruction, short renditions) in each
 * language the city owes, required ones first. What has happened is left for the author.
 */
export function emptyMessageForm(
  city: {
    readonly name?: string;
    readonly categories: readonly Category[];
    readonly messageLanguages: MessageLanguages;
  },
  now: number,
  timeZone: string,
): MessageForm {
  const category = city.categories[0] ?? 'other';
  return {
    category,
    urgency: MessageUrgency.expected,
    severity: MessageSeverity.moderate,
    certainty: MessageCertainty.likely,
    area: { description: '', districtIds: [] },
    corners: [],
    cornerText: '',
    effective: toCityTimeInput(new Date(now), timeZone),
    expires: toCityTimeInput(new Date(now + DEFAULT_VALIDITY_MS), timeZone),
    issuer: city.name ?? '',
    link: '',
    exercise: false,
    variants: owedLanguages(city.messageLanguages).map((language) =>
      templateVariant(category, language, '', ''),
    ),
  };
}

/** The editor filled in from a stored version or a draft from an incident. */
export function toMessageForm(
  message: Pick<
    MessageFields,
    | 'category'
    | 'urgency'
    | 'severity'
    | 'certainty'
    | 'area'
    | 'effective'
    | 'expires'
    | 'issuer'
    | 'link'
    | 'exercise'
    | 'variants'
  >,
  timeZone: string,
): MessageForm {
  const corners = cornersOf(message.area);
  return {
    category: message.category,
    urgency: message.urgency,
    severity: message.severity,
    certainty: message.certainty,
    area: { description: message.area.description, districtIds: message.area.districtIds },
    corners,
    cornerText: formatCorners(corners),
    effective: toCityTimeInput(new Date(message.effective), timeZone),
    expires: toCityTimeInput(new Date(message.expires), timeZone),
    issuer: message.issuer,
    link: message.link ?? '',
    exercise: message.exercise,
    variants: message.variants,
  };
}

/** A wall-clock time of the form as the instant it means, or null when it is not a time. */
function instantOf(value: string, timeZone: string): string | null {
  return parseCityTime(value, timeZone)?.toISOString() ?? null;
}

/** Which of the form's times cannot be read as one; empty when both can. */
export function unreadableTimes(form: MessageForm, timeZone: string): ('effective' | 'expires')[] {
  return (['effective', 'expires'] as const).filter(
    (field) => instantOf(form[field], timeZone) === null,
  );
}

/** What keeps the drawn area from being saved: lines that cannot be read, or no polygon. */
export type AreaDrawingProblem =
  | { readonly kind: 'unreadableLines'; readonly errors: readonly CornerLineError[] }
  | PolygonProblem;

/** Why the drawn area cannot be saved as it is; null when it can (or none is drawn). */
export function areaDrawingProblem(form: MessageForm): AreaDrawingProblem | null {
  const parsed = parseCorners(form.cornerText);
  if (!parsed.ok) return { kind: 'unreadableLines', errors: parsed.errors };
  return polygonProblem(form.corners);
}

/** The form with corners drawn on the map; the text follows them. */
export function withDrawnCorners(form: MessageForm, corners: readonly Corner[]): MessageForm {
  return { ...form, corners, cornerText: formatCorners(corners) };
}

/** The form with a district chosen or not; a district is listed once, in the order chosen. */
export function withDistrict(form: MessageForm, districtId: string, chosen: boolean): MessageForm {
  const { districtIds } = form.area;
  if (districtIds.includes(districtId) === chosen) return form;
  return {
    ...form,
    area: {
      ...form.area,
      districtIds: chosen
        ? [...districtIds, districtId]
        : districtIds.filter((id) => id !== districtId),
    },
  };
}

/** The form with a district chosen when it was not, and removed when it was. */
export function withDistrictToggled(form: MessageForm, districtId: string): MessageForm {
  return withDistrict(form, districtId, !form.area.districtIds.includes(districtId));
}

/** The form with the corners typed; the drawing follows once every line can be read. */
export function withCornerText(form: MessageForm, cornerText: string): MessageForm {
  const parsed = parseCorners(cornerText);
  return parsed.ok ? { ...form, cornerText, corners: parsed.corners } : { ...form, cornerText };
}

/**
 * The message's fields as the server stores them, for checking and sending; a time that cannot
 * be read is left empty, which the checks name as a problem of validity. The drawn area goes as a
 * closed polygon once it is one (saving is refused before, see `areaDrawingProblem`).
 */
export function formFields(form: MessageForm, timeZone: string): MessageFields {
  const link = form.link.trim();
  return {
    category: form.category,
    urgency: form.urgency,
    severity: form.severity,
    certainty: form.certainty,
    area: {
      description: form.area.description.trim(),
      districtIds: form.area.districtIds,
      ...(form.corners.length > 0 &&
        polygonProblem(form.corners) === null && { polygon: closed(form.corners) }),
    },
    effective: instantOf(form.effective, timeZone) ?? '',
    expires: instantOf(form.expires, timeZone) ?? '',
    issuer: form.issuer.trim(),
    ...(link !== '' && { link }),
    exercise: form.exercise,
    variants: [...form.variants],
  };
}

/** The body of `POST /api/v1/messages`. */
export function toCreateMessageRequest(
  form: MessageForm,
  timeZone: string,
  incidentId?: string,
): CreateMessageRequest {
  return { ...(incidentId !== undefined && { incidentId }), ...formFields(form, timeZone) };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The `changes` of `PATCH /api/v1/messages/:id`: only what changed, or null when nothing did. */
export function messageChanges(
  base: PublicMessage,
  form: MessageForm,
  timeZone: string,
): UpdateMessageRequest['changes'] | null {
  const wanted = formFields(form, timeZone);
  const changes: Record<string, unknown> = {};
  for (const field of [
    'category',
    'urgency',
    'severity',
    'certainty',
    'area',
    'issuer',
    'exercise',
    'variants',
  ] as const) {
    if (!same(base[field], wanted[field])) changes[field] = wanted[field];
  }
  // Times compare as instants: the server may write the same one differently.
  for (const field of ['effective', 'expires'] as const) {
    if (Date.parse(base[field]) !== Date.parse(wanted[field])) changes[field] = wanted[field];
  }
  if ((base.link ?? '') !== (wanted.link ?? '')) changes.link = wanted.link ?? null;
  return Object.keys(changes).length === 0 ? null : (changes as UpdateMessageRequest['changes']);
}

/** The languages the city owes, required ones first. */
export function owedLanguages(languages: MessageLanguages): Language[] {
  return [...new Set([...languages.required, ...languages.expected])];
}

/** What a language is to the city's messages. */
export type LanguageDuty = 'required' | 'expected' | 'other';

/** Whether a language is required, expected, or neither. */
export function languageDuty(language: Language, languages: MessageLanguages): LanguageDuty {
  if (languages.required.includes(language)) return 'required';
  if (languages.expected.includes(language)) return 'expected';
  return 'other';
}

/** The variants in the order the editor shows them: required, then expected, then others. */
export function orderedVariants(
  variants: readonly MessageVariant[],
  languages: MessageLanguages,
): MessageVariant[] {
  const rank: Record<LanguageDuty, number> = { required: 0, expected: 1, other: 2 };
  return [...variants].sort(
    (a, b) => rank[languageDuty(a.language, languages)] - rank[languageDuty(b.language, languages)],
  );
}

/** The form with one variant changed. */
export function withVariant(form: MessageForm, variant: MessageVariant): MessageForm {
  return {
    ...form,
    variants: form.variants.map((current) =>
      current.language === variant.language ? variant : current,
    ),
  };
}

/** The form with an empty variant added for a language it lacks. */
export function withLanguage(form: MessageForm, language: Language): MessageForm {
  if (form.variants.some((variant) => variant.language === language)) return form;
  return { ...form, variants: [...form.variants, emptyVariant(language)] };
}

/** The form without a language's variant. */
export function withoutLanguage(form: MessageForm, language: Language): MessageForm {
  return { ...form, variants: form.variants.filter((variant) => variant.language !== language) };
}

/** The headline a list shows: in the first language the city owes that has one, else any. */
export function shownHeadline(
  variants: readonly MessageVariant[],
  languages: MessageLanguages,
): { headline: string; language: Language } | null {
  const written = variants.filter((variant) => variant.headline.trim() !== '');
  for (const language of owedLanguages(languages)) {
    const variant = written.find((candidate) => candidate.language === language);
    if (variant !== undefined) return { headline: variant.headline, language };
  }
  const first = written[0];
  return first === undefined ? null : { headline: first.headline, language: first.language };
}
