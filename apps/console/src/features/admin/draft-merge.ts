/**
 * After a 409 an admin form takes the item as it now is without losing what its admin typed: a
 * three-way merge of the state the form was opened with (base), the form as typed (mine) and the
 * item as someone else saved it (theirs). A field the admin left alone takes their value, so
 * saving again does not undo their change; a field the admin changed keeps the admin's value.
 */

/** Whether two values of a form are the same: arrays and plain objects compared field by field. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((value, index) => sameValue(value, b[index]))
    );
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  return [...keys].every((key) => sameValue(left[key], right[key]));
}

/** One field merged: the value the form shows, and whether both people changed it. */
export interface FieldMerge<T> {
  readonly value: T;
  readonly bothChanged: boolean;
}

/** How one field of a form is merged from base, mine and theirs. */
export type FieldMerger<T> = (base: T, mine: T, theirs: T) => FieldMerge<T>;

/**
 * One field as a whole: theirs when the admin left it alone, else the admin's; changed by both
 * only when both changed it and not to the same value.
 */
export function mergeValue<T>(base: T, mine: T, theirs: T): FieldMerge<T> {
  if (sameValue(mine, base)) return { value: theirs, bothChanged: false };
  return { value: mine, bothChanged: !sameValue(theirs, base) && !sameValue(theirs, mine) };
}

/**
 * One field as a whole, compared by what the form would send (`sent`) rather than as typed, so
 * screen keys of rows removed and added again, or spaces the form drops, are no change.
 */
export function mergeBySent<T>(sent: (value: T) => unknown): FieldMerger<T> {
  return (base, mine, theirs) => {
    const { bothChanged } = mergeValue(sent(base), sent(mine), sent(theirs));
    return { value: sameValue(sent(mine), sent(base)) ? theirs : mine, bothChanged };
  };
}

/** A form merged: the draft to show and the fields both people changed, the admin's value kept. */
export interface MergedDraft<D> {
  readonly draft: D;
  readonly bothChanged: readonly (keyof D & string)[];
}

/** How the fields of a draft are merged when not as a whole value (mergeValue). */
export type DraftMergers<D> = { readonly [K in keyof D]?: FieldMerger<D[K]> };

/** Merges a form field by field: see mergeValue, or the field's own merger in `mergers`. */
export function mergeDraft<D extends object>(
  base: D,
  mine: D,
  theirs: D,
  mergers: DraftMergers<D> = {},
): MergedDraft<D> {
  const merged: Partial<D> = {};
  const bothChanged: (keyof D & string)[] = [];
  const fields = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
  for (const name of fields) {
    const field = name as keyof D & string;
    const merge: FieldMerger<D[typeof field]> = mergers[field] ?? mergeValue;
    const result = merge(base[field], mine[field], theirs[field]);
    if (result.value !== undefined) merged[field] = result.value;
    if (result.bothChanged) bothChanged.push(field);
  }
  return { draft: merged as D, bothChanged };
}

/**
 * A list of rows with ids (a unit's contacts), merged row by row, so two people changing
 * different contacts both keep their change:
 * - a row in both merges field by field (a contact's phone from one, its e-mail from the other);
 * - a row the admin added stays; a row the other person added comes in at its place in their list;
 * - a row the admin removed stays removed (changed by both if they had changed it meanwhile);
 * - a row the other person removed goes, unless the admin changed it: then it stays, without its
 *   id (`withoutId`), to be added again, and counts as changed by both;
 * - the order is the admin's when they moved rows, else the other person's.
 */
export function mergeListById<T extends object>(
  idOf: (row: T) => string | undefined,
  withoutId: (row: T) => T,
): FieldMerger<readonly T[]> {
  return (base, mine, theirs) => {
    const whole = mergeValue(base, mine, theirs);
    if (!whole.bothChanged) return whole;
    const byId = (rows: readonly T[]) =>
      new Map(rows.flatMap((row) => (idOf(row) === undefined ? [] : [[idOf(row), row] as const])));
    const baseRows = byId(base);
    const mineRows = byId(mine);
    const theirRows = byId(theirs);
    let bothChanged = false;
    const merged: T[] = [];
    for (const row of mine) {
      const id = idOf(row);
      const was = id === undefined ? undefined : baseRows.get(id);
      const now = id === undefined ? undefined : theirRows.get(id);
      if (was === undefined) merged.push(row);
      else if (now !== undefined) {
        const fields = mergeDraft(was, row, now);
        if (fields.bothChanged.length > 0) bothChanged = true;
        merged.push(fields.draft);
      } else if (!sameValue(row, was)) {
        merged.push(withoutId(row));
        bothChanged = true;
      }
    }
    for (const [id, was] of baseRows) {
      const now = theirRows.get(id);
      if (!mineRows.has(id) && now !== undefined && !sameValue(now, was)) bothChanged = true;
    }
    // The order of the rows all three hold: the admin's if they moved one, else the other's.
    const kept = (rows: readonly T[]) =>
      rows
        .map(idOf)
        .filter(
          (id): id is string =>
            id !== undefined && baseRows.has(id) && mineRows.has(id) && theirRows.has(id),
        );
    const mineMoved = !sameValue(kept(mine), kept(base));
    const theirsMoved = !sameValue(kept(theirs), kept(base));
    if (mineMoved && theirsMoved && !sameValue(kept(mine), kept(theirs))) bothChanged = true;
    if (!mineMoved && theirsMoved) {
      const order = kept(theirs);
      const slots = merged.flatMap((row, index) => {
        const id = idOf(row);
        return id !== undefined && order.includes(id) ? [index] : [];
      });
      const rows = order.map((id) => merged.find((row) => idOf(row) === id));
      slots.forEach((slot, position) => {
        const row = rows[position];
        if (row !== undefined) merged[slot] = row;
      });
    }
    theirs.forEach((row, index) => {
      const id = idOf(row);
      if (id !== undefined && !baseRows.has(id))
        merged.splice(Math.min(index, merged.length), 0, row);
    });
    return { value: merged, bothChanged };
  };
}
