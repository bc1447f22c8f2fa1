import { Section, sectionHref } from '../navigation/sections.ts';
import { useLocationHash } from '../navigation/use-location-hash.ts';

/** What the messages section shows: the list, a new message, or one message. */
export type MessageRoute =
  | { readonly kind: 'list' }
  | { readonly kind: 'new'; readonly incidentId?: string }
  | { readonly kind: 'message'; readonly messageId: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const NEW_HASH = new RegExp(`^#/?messages/new(?:/(${UUID}))?/?$`, 'i');
const MESSAGE_HASH = new RegExp(`^#/?messages/(${UUID})/?$`, 'i');

/** The address of the list of messages. */
export function messagesHref(): string {
  return sectionHref(Section.messages);
}

/** The address of a new message, drafted from an incident when one is named. */
export function newMessageHref(incidentId?: string): string {
  return `${messagesHref()}/new${incidentId === undefined ? '' : `/${incidentId}`}`;
}

/** The address of one message. */
export function messageHref(messageId: string): string {
  return `${messagesHref()}/${messageId}`;
}

/** What an address opens in the messages section. */
export function messageRouteFromHash(hash: string): MessageRoute {
  const created = NEW_HASH.exec(hash);
  if (created !== null) {
    const incidentId = created[1]?.toLowerCase();
    return incidentId === undefined ? { kind: 'new' } : { kind: 'new', incidentId };
  }
  const messageId = MESSAGE_HASH.exec(hash)?.[1];
  return messageId === undefined
    ? { kind: 'list' }
    : { kind: 'message', messageId: messageId.toLowerCase() };
}

/** What the current address opens in the messages section. */
export function useMessageRoute(): MessageRoute {
  return messageRouteFromHash(useLocationHash());
}
