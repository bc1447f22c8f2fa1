import type {
  ChangeWebhookSubscriber,
  CreateWebhookSubscriber,
  WebhookSubscriber,
} from '@vaka/domain';

/** The limits of CreateWebhookSubscriberSchema. */
export const WEBHOOK_LIMITS = { name: 200, url: 2_000 } as const;

/** A subscriber's form as typed. */
export interface WebhookDraft {
  readonly name: string;
  readonly url: string;
  readonly exercises: boolean;
}

/** Which message (a key under `webhooks.errors`) a field that cannot be sent shows. */
export type WebhookDraftErrors = Partial<{
  name: 'nameRequired';
  url: 'urlRequired' | 'urlInvalid';
}>;

/** An empty form: a new subscriber is sent no exercises until asked. */
export function emptyWebhookDraft(): WebhookDraft {
  return { name: '', url: '', exercises: false };
}

/** The form of a subscriber as it is. */
export function toWebhookDraft(subscriber: WebhookSubscriber): WebhookDraft {
  return { name: subscriber.name, url: subscriber.url, exercises: subscriber.exercises };
}

/** What keeps the subscriber from being saved; an empty object when it can go. */
export function validateWebhookDraft(draft: WebhookDraft): WebhookDraftErrors {
  const errors: WebhookDraftErrors = {};
  if (draft.name.trim() === '') errors.name = 'nameRequired';
  const url = draft.url.trim();
  if (url === '') errors.url = 'urlRequired';
  else if (!isWebAddress(url)) errors.url = 'urlInvalid';
  return errors;
}

/** Whether text is an http(s) address the server can POST to. */
function isWebAddress(text: string): boolean {
  if (!/^https?:\/\//i.test(text) || text.length > WEBHOOK_LIMITS.url) return false;
  try {
    return new URL(text).hostname !== '';
  } catch {
    return false;
  }
}

/** The body of `POST /api/v1/webhooks`. */
export function toCreateWebhook(draft: WebhookDraft): CreateWebhookSubscriber {
  return { name: draft.name.trim(), url: draft.url.trim(), exercises: draft.exercises };
}

/** The body of `PATCH /api/v1/webhooks/:id`: only what changed; null when nothing did. */
export function webhookChanges(
  subscriber: WebhookSubscriber,
  draft: WebhookDraft,
): ChangeWebhookSubscriber | null {
  const name = draft.name.trim();
  const url = draft.url.trim();
  const change: ChangeWebhookSubscriber = {
    expectedUpdatedAt: subscriber.updatedAt,
    ...(name !== subscriber.name && { name }),
    ...(url !== subscriber.url && { url }),
    ...(draft.exercises !== subscriber.exercises && { exercises: draft.exercises }),
  };
  return Object.keys(change).length === 1 ? null : change;
}
