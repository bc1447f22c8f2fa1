/** One stretch of a passage the search found, matched or not. */
export interface PassagePart {
  readonly text: string;
  readonly matched: boolean;
}

/**
 * Splits a passage whose matched words stand between « and » into stretches, dropping the
 * marks. A « without its » marks the rest of the passage.
 */
export function splitPassage(passage: string): PassagePart[] {
  const parts: PassagePart[] = [];
  let rest = passage;
  while (rest !== '') {
    const open = rest.indexOf('«');
    if (open === -1) {
      parts.push({ text: rest, matched: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), matched: false });
    const close = rest.indexOf('»', open + 1);
    const matched = rest.slice(open + 1, close === -1 ? undefined : close);
    if (matched !== '') parts.push({ text: matched, matched: true });
    rest = close === -1 ? '' : rest.slice(close + 1);
  }
  return parts;
}
