import { HandoverStatus, type Handover, type Language, type PublicMessage } from '@vaka/domain';
import { mergeValue } from '../admin/draft-merge.ts';
import { Section, sectionHref } from '../navigation/sections.ts';

/** What the handover section shows: the handover in progress and those before, or one of them. */
export type HandoverRoute =
  { readonly kind: 'list' } | { readonly kind: 'handover'; readonly handoverId: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const HANDOVER_HASH = new RegExp(`^#/?${Section.handover}/(${UUID})/?$`, 'i');

/** The address of the handover section. */
export function handoversHref(): string {
  return sectionHref(Section.handover);
}

/** The address of one handover. */
export function handoverHref(handoverId: string): string {
  return `${handoversHref()}/${handoverId}`;
}

/** What an address opens in the handover section. */
export function handoverRouteFromHash(hash: string): HandoverRoute {
  const handoverId = HANDOVER_HASH.exec(hash)?.[1]?.toLowerCase();
  return handoverId === undefined ? { kind: 'list' } : { kind: 'handover', handoverId };
}

/** The handover in progress, if any, and the confirmed ones, newest first. */
export function splitHandovers(handovers: readonly Handover[]): {
  draft: Handover | null;
  confirmed: Handover[];
} {
  return {
    draft: handovers.find((handover) => handover.status === HandoverStatus.draft) ?? null,
    confirmed: handovers.filter((handover) => handover.status === HandoverStatus.confirmed),
  };
}

/** Why this person cannot confirm a handover; null when they can. */
export type ConfirmRefusal = 'confirmed' | 'noPermission' | 'ownHandover';

/** Whether `username` may take over with this handover, and if not why. */
export function confirmRefusal(
  handover: Handover,
  username: string,
  mayWrite: boolean,
): ConfirmRefusal | null {
  if (handover.status === HandoverStatus.confirmed) return 'confirmed';
  if (!mayWrite) return 'noPermission';
  if (handover.createdBy === username) return 'ownHandover';
  return null;
}

/** The notes editor: the handover it builds on, and the notes as typed. */
export interface NotesEditor {
  readonly base: Handover;
  readonly notes: string;
}

/**
 * The editor after a newer version of the handover arrived (live, or after gathering again):
 * it builds on the newer one unless someone else changed the notes while these are being typed
 * (then saving finds out, and merges).
 */
export function followLatest(editor: NotesEditor, latest: Handover): NotesEditor {
  if (Date.parse(latest.updatedAt) <= Date.parse(editor.base.updatedAt)) return editor;
  const typing = editor.notes !== editor.base.notes;
  if (!typing) return { base: latest, notes: latest.notes };
  return latest.notes === editor.base.notes ? { base: latest, notes: editor.notes } : editor;
}

/**
 * The editor after a save was refused because someone else saved first: on their version, with
 * the notes as typed here when changed here (and whether they changed the notes too), else theirs.
 */
export function mergeNotes(
  editor: NotesEditor,
  theirs: Handover,
): { editor: NotesEditor; bothChanged: boolean } {
  const merged = mergeValue(editor.base.notes, editor.notes, theirs.notes);
  return { editor: { base: theirs, notes: merged.value }, bothChanged: merged.bothChanged };
}

/** A message's headline in the console's language when it has one, else in its first language. */
export function messageHeadline(
  message: PublicMessage,
  language: string,
): { headline: string; language: Language } | null {
  const written = message.variants.filter((variant) => variant.headline.trim() !== '');
  const variant = written.find((candidate) => candidate.language === language) ?? written[0];
  return variant === undefined ? null : { headline: variant.headline, language: variant.language };
}

/** Of two versions of a handover, the later; either may be missing. */
export function newerHandover(a: Handover | null, b: Handover | null): Handover | null {
  if (
    a === null ||
    (b !== null && a.id === b.id && Date.parse(b.updatedAt) > Date.parse(a.updatedAt))
  )
    return b;
  return a;
}
