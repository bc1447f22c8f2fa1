import { useEffect } from 'react';

const PREFIX = 'vaka.draft.';

/** What is kept of a form: what was typed, and the item as it stood when typing began. */
interface KeptDraft<F> {
  /** The version of the item (its `updatedAt`) the typing was done on. */
  readonly on: string;
  /** The form as that version filled it, to tell what was typed from what was there. */
  readonly base: F;
  readonly form: F;
}

/** Merges what was typed on an older version into the form of the item as it now is. */
export type DraftMerge<F> = (base: F, mine: F, theirs: F) => F;

/**
 * What was typed into a form under `key` and not saved, so that after a reload, a slip to
 * another screen or a crashed tab the text is still there. `current` is the item as it now is,
 * as the form shows it: typed on this version, the kept form comes back as it was; typed on an
 * older one, `merge` puts what was typed onto the current version, as after a refused save.
 */
export function readKeptDraft<F>(
  key: string,
  current: { on: string; form: F },
  merge: DraftMerge<F>,
  storage: Storage = sessionStorage,
): F | undefined {
  try {
    const raw = storage.getItem(PREFIX + key);
    if (raw === null) return undefined;
    const kept = JSON.parse(raw) as KeptDraft<F>;
    return kept.on === current.on ? kept.form : merge(kept.base, kept.form, current.form);
  } catch {
    // NOTE: storage may be off or hold something unreadable; the form then starts afresh.
    return undefined;
  }
}

/** Keeps what was typed (or, with `form` undefined, forgets it: saved, or nothing to keep). */
export function keepDraft<F>(
  key: string,
  kept: { on: string; base: F; form: F | undefined },
  storage: Storage = sessionStorage,
): void {
  try {
    if (kept.form === undefined) storage.removeItem(PREFIX + key);
    else storage.setItem(PREFIX + key, JSON.stringify(kept));
  } catch {
    // NOTE: nothing to do when storage refuses (full, off); the form itself still holds the text.
  }
}

/**
 * Keeps a form's unsaved text in the tab's session storage while it differs from what is stored
 * (`base`, the stored version as the form shows it), and asks before the page is left with it (a
 * reload, closing the tab).
 */
export function useKeptDraft<F>(
  key: string,
  stored: { on: string; base: F },
  form: F,
  unsaved: boolean,
): void {
  const { on, base } = stored;
  useEffect(() => {
    keepDraft(key, { on, base, form: unsaved ? form : undefined });
  }, [key, on, base, form, unsaved]);
  useEffect(() => {
    if (!unsaved) return undefined;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);
}
