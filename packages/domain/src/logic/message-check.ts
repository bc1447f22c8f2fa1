import type { Language } from '../contracts/enums.ts';
import {
  MESSAGE_LIMITS,
  MessageStatus,
  type MessageFields,
  type MessageLanguages,
  type MessageVariant,
  type PublicMessage,
} from '../contracts/message.ts';
import { smsLength } from './sms-length.ts';

/** A text of a variant that approval needs. */
export type VariantField = 'headline' | 'description' | 'instruction' | 'sms' | 'push' | 'social';
const VARIANT_FIELDS: readonly VariantField[] = [
  'headline',
  'description',
  'instruction',
  'sms',
  'push',
  'social',
];

/**
 * Something the communicator should see before a message goes out. A blocking one keeps it from
 * approval; an expected language that is missing is only pointed out.
 */
export type MessageProblem =
  | { kind: 'language_missing'; language: Language; blocking: boolean }
  | { kind: 'language_twice'; language: Language; blocking: true }
  | { kind: 'text_missing'; language: Language; field: VariantField; blocking: true }
  | {
      kind: 'too_long';
      language: Language;
      field: 'sms' | 'push' | 'social';
      length: number;
      limit: number;
      unit: 'segments' | 'characters';
      blocking: true;
    }
  | { kind: 'issuer_missing'; blocking: true }
  | { kind: 'area_missing'; blocking: true }
  | { kind: 'validity'; blocking: true };

/**
 * What keeps a message from approval, and what is only worth a look: each required language
 * present once with every text filled and within its channel's limit, an issuer, an area, and a
 * time of validity that ends after it begins.
 */
export function messageProblems(
  message: Pick<MessageFields, 'variants' | 'issuer' | 'area' | 'effective' | 'expires'>,
  languages: MessageLanguages,
): MessageProblem[] {
  const problems: MessageProblem[] = [];
  const seen = new Set<Language>();
  for (const variant of message.variants) {
    if (seen.has(variant.language)) {
      problems.push({ kind: 'language_twice', language: variant.language, blocking: true });
    }
    seen.add(variant.language);
  }
  for (const language of languages.required) {
    if (!seen.has(language)) problems.push({ kind: 'language_missing', language, blocking: true });
  }
  for (const language of languages.expected) {
    if (!seen.has(language) && !languages.required.includes(language)) {
      problems.push({ kind: 'language_missing', language, blocking: false });
    }
  }
  for (const variant of message.variants) problems.push(...variantProblems(variant));
  if (message.issuer.trim() === '') problems.push({ kind: 'issuer_missing', blocking: true });
  if (message.area.districtIds.length === 0 && message.area.polygon === undefined) {
    problems.push({ kind: 'area_missing', blocking: true });
  }
  if (!(Date.parse(message.expires) > Date.parse(message.effective))) {
    problems.push({ kind: 'validity', blocking: true });
  }
  return problems;
}

/** Whether nothing keeps the message from approval. */
export function approvable(problems: readonly MessageProblem[]): boolean {
  return problems.every((problem) => !problem.blocking);
}

function variantProblems(variant: MessageVariant): MessageProblem[] {
  const problems: MessageProblem[] = [];
  const { language } = variant;
  for (const field of VARIANT_FIELDS) {
    if (variant[field].trim() === '') {
      problems.push({ kind: 'text_missing', language, field, blocking: true });
    }
  }
  const sms = smsLength(variant.sms);
  if (sms.segments > MESSAGE_LIMITS.smsSegments) {
    problems.push({
      kind: 'too_long',
      language,
      field: 'sms',
      length: sms.segments,
      limit: MESSAGE_LIMITS.smsSegments,
      unit: 'segments',
      blocking: true,
    });
  }
  for (const field of ['push', 'social'] as const) {
    // Counted as people see characters: an emoji is one.
    const length = [...variant[field]].length;
    if (length > MESSAGE_LIMITS[field]) {
      problems.push({
        kind: 'too_long',
        language,
        field,
        length,
        limit: MESSAGE_LIMITS[field],
        unit: 'characters',
        blocking: true,
      });
    }
  }
  return problems;
}

/** What can be done to a message version, by whom the rule says. */
export const MessageAction = {
  edit: 'edit',
  submit: 'submit',
  returnToDraft: 'return_to_draft',
  approve: 'approve',
  publish: 'publish',
  withdraw: 'withdraw',
  expire: 'expire',
  supersede: 'supersede',
} as const;
export type MessageAction = (typeof MessageAction)[keyof typeof MessageAction];

const TRANSITIONS: Record<MessageStatus, Partial<Record<MessageAction, MessageStatus>>> = {
  [MessageStatus.draft]: {
    [MessageAction.edit]: MessageStatus.draft,
    [MessageAction.submit]: MessageStatus.inReview,
  },
  [MessageStatus.inReview]: {
    [MessageAction.returnToDraft]: MessageStatus.draft,
    [MessageAction.approve]: MessageStatus.approved,
  },
  [MessageStatus.approved]: {
    [MessageAction.returnToDraft]: MessageStatus.draft,
    [MessageAction.publish]: MessageStatus.published,
  },
  [MessageStatus.published]: {
    [MessageAction.withdraw]: MessageStatus.withdrawn,
    [MessageAction.expire]: MessageStatus.expired,
    [MessageAction.supersede]: MessageStatus.superseded,
  },
  [MessageStatus.superseded]: {},
  [MessageStatus.withdrawn]: {},
  [MessageStatus.expired]: {},
};

/** The status an action leads to, or undefined when it cannot be done from this one. */
export function nextMessageStatus(
  status: MessageStatus,
  action: MessageAction,
): MessageStatus | undefined {
  return TRANSITIONS[status][action];
}

/** The actions possible from a status, for a refusal to name them. */
export function messageActionsFrom(status: MessageStatus): MessageAction[] {
  return Object.keys(TRANSITIONS[status]) as MessageAction[];
}

/**
 * Why this person may not approve the message, or undefined when they may: the approver is never
 * its author (the second pair of eyes a public warning needs).
 */
export function approvalRefusal(
  message: Pick<PublicMessage, 'author'>,
  approver: string,
): 'own_message' | undefined {
  return message.author === approver ? 'own_message' : undefined;
}

/**
 * The languages a city owes in public messages when its file does not say: its first language
 * required, its others expected.
 */
export function defaultMessageLanguages(cityLanguages: readonly Language[]): MessageLanguages {
  const [first, ...others] = cityLanguages;
  return { required: first === undefined ? [] : [first], expected: others };
}
