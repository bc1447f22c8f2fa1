/** Something an admin list holds: named, and archived rather than deleted. */
export interface NamedItem {
  readonly id: string;
  readonly name: string;
  readonly archivedAt?: string;
}

/** The list with a new item in its place by name, as the server lists them. */
export function withCreated<T extends NamedItem>(
  items: readonly T[],
  item: T,
  language: string,
): T[] {
  return [...items, item].sort((a, b) => a.name.localeCompare(b.name, language));
}

/** The list after an item was saved: its new state in place, or gone once archived. */
export function withSaved<T extends NamedItem>(items: readonly T[], item: T): T[] {
  return item.archivedAt === undefined
    ? items.map((candidate) => (candidate.id === item.id ? item : candidate))
    : items.filter((candidate) => candidate.id !== item.id);
}
