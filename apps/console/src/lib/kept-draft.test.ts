import { describe, expect, it } from 'vitest';
import { keepDraft, readKeptDraft, type DraftMerge } from './kept-draft.ts';

/** A session storage of our own, as the browser's behaves. */
class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear(): void {
    this.#items.clear();
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, value);
  }
}

interface Form {
  situation: string;
  outlook: string;
}

/** Field by field: what was typed wins, what was left alone takes the current text. */
const merge: DraftMerge<Form> = (base, mine, theirs) => ({
  situation: mine.situation === base.situation ? theirs.situation : mine.situation,
  outlook: mine.outlook === base.outlook ? theirs.outlook : mine.outlook,
});

const stored: Form = { situation: 'Calm', outlook: 'Rain tonight' };

describe('a kept draft', () => {
  it('comes back as it was typed, on the version it was typed on', () => {
    const storage = new MemoryStorage();
    const typed = { ...stored, situation: 'Storm over Södermalm' };
    keepDraft('report:1', { on: 'v1', base: stored, form: typed }, storage);
    expect(readKeptDraft('report:1', { on: 'v1', form: stored }, merge, storage)).toEqual(typed);
    expect(readKeptDraft('report:2', { on: 'v1', form: stored }, merge, storage)).toBeUndefined();
  });

  it('is put onto the item as it now is when someone changed it meanwhile', () => {
    const storage = new MemoryStorage();
    keepDraft(
      'report:1',
      { on: 'v1', base: stored, form: { ...stored, situation: 'Storm' } },
      storage,
    );
    const now = { situation: 'Calm', outlook: 'Clearing by morning' };
    expect(readKeptDraft('report:1', { on: 'v2', form: now }, merge, storage)).toEqual({
      situation: 'Storm',
      outlook: 'Clearing by morning',
    });
  });

  it('is forgotten once saved, and starts afresh from what it cannot read', () => {
    const storage = new MemoryStorage();
    keepDraft('report:1', { on: 'v1', base: stored, form: stored }, storage);
    keepDraft('report:1', { on: 'v1', base: stored, form: undefined }, storage);
    expect(readKeptDraft('report:1', { on: 'v1', form: stored }, merge, storage)).toBeUndefined();
    storage.setItem('vaka.draft.report:1', '{not json');
    expect(readKeptDraft('report:1', { on: 'v1', form: stored }, merge, storage)).toBeUndefined();
  });
});
