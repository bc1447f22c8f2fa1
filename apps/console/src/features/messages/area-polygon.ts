import type { MessageArea } from '@vaka/domain';

/** One corner of a drawn area as CAP writes it: latitude, then longitude. */
export type Corner = readonly [lat: number, lon: number];

/** The most corners a drawn area may have: CAP's ring of 500 points holds the first one twice. */
export const MAX_CORNERS = 499;

/** Why a polygon of corners cannot be a message's area. */
export type PolygonProblem =
  | { readonly kind: 'tooFew'; readonly corners: number }
  | { readonly kind: 'tooMany'; readonly corners: number }
  | { readonly kind: 'noArea' }
  /** Two of its sides cross or touch: the corners named are where each side starts (1-based). */
  | { readonly kind: 'selfIntersecting'; readonly sides: readonly [number, number] };

/** Why a line of the corners field cannot be read; `line` is 1-based, as a person counts. */
export type CornerLineError =
  | { readonly line: number; readonly kind: 'notTwoNumbers'; readonly text: string }
  | { readonly line: number; readonly kind: 'latitudeOutOfRange'; readonly value: number }
  | { readonly line: number; readonly kind: 'longitudeOutOfRange'; readonly value: number };

/** The corners read from the field, or the lines that cannot be read. */
export type ParsedCorners =
  | { readonly ok: true; readonly corners: readonly Corner[] }
  | { readonly ok: false; readonly errors: readonly CornerLineError[] };

// Six decimals are a tenth of a metre, the precision the CAP document writes.
const PRECISION = 1e6;

/** A coordinate rounded to what the area keeps, so the field, the map and CAP agree. */
export function roundCoordinate(degrees: number): number {
  return Math.round(degrees * PRECISION) / PRECISION + 0;
}

/** A corner at a point of the map, rounded. */
export function cornerAt(lat: number, lon: number): Corner {
  return [roundCoordinate(lat), roundCoordinate(lon)];
}

const NUMBER = String.raw`[-+\u2212]?(?:\d+(?:\.\d*)?|\.\d+)`;
// "59.33, 18.06", "59.33 18.06", "59.33;18.06" and "59.33,18.06" all read as one corner.
const CORNER_LINE = new RegExp(String.raw`^(${NUMBER})\s*(?:[,;]\s*|\s+)(${NUMBER})$`);

function readNumber(text: string): number {
  return Number(text.replace('\u2212', '-'));
}

/**
 * Reads the corners field: one corner a line, latitude then longitude. Empty lines are skipped;
 * a last line repeating the first (a closed ring pasted from CAP) is dropped.
 */
export function parseCorners(text: string): ParsedCorners {
  const corners: Corner[] = [];
  const errors: CornerLineError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const match = CORNER_LINE.exec(trimmed);
    if (match === null) {
      errors.push({ line, kind: 'notTwoNumbers', text: trimmed });
      return;
    }
    const lat = readNumber(match[1] ?? '');
    const lon = readNumber(match[2] ?? '');
    if (!(lat >= -90 && lat <= 90)) {
      errors.push({ line, kind: 'latitudeOutOfRange', value: lat });
      return;
    }
    if (!(lon >= -180 && lon <= 180)) {
      errors.push({ line, kind: 'longitudeOutOfRange', value: lon });
      return;
    }
    corners.push(cornerAt(lat, lon));
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, corners: opened(corners) };
}

/** The corners as the field shows them: "lat, lon" a line. */
export function formatCorners(corners: readonly Corner[]): string {
  return corners.map(([lat, lon]) => `${lat}, ${lon}`).join('\n');
}

/** The corners without the repeated first point a closed ring ends with. */
export function opened(ring: readonly Corner[]): Corner[] {
  const first = ring[0];
  const last = ring.at(-1);
  if (ring.length > 1 && first !== undefined && last !== undefined && sameCorner(first, last)) {
    return ring.slice(0, -1);
  }
  return [...ring];
}

/** The ring CAP and the message store: the first corner again at the end. */
export function closed(corners: readonly Corner[]): [number, number][] {
  const ring = corners.map(([lat, lon]): [number, number] => [lat, lon]);
  const first = ring[0];
  return first === undefined ? [] : [...ring, [first[0], first[1]]];
}

/** The corners of a stored area's polygon; none when it has no polygon. */
export function cornersOf(area: MessageArea): Corner[] {
  return area.polygon === undefined ? [] : opened(area.polygon);
}

function sameCorner(a: Corner, b: Corner): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/**
 * What keeps these corners from being an area: fewer than three, more than CAP carries, no
 * area at all (all on a line), or sides that cross. Null when they make a simple polygon, and for
 * no corners at all (no area drawn).
 */
export function polygonProblem(corners: readonly Corner[]): PolygonProblem | null {
  if (corners.length === 0) return null;
  if (corners.length < 3) return { kind: 'tooFew', corners: corners.length };
  if (corners.length > MAX_CORNERS) return { kind: 'tooMany', corners: corners.length };
  const crossing = crossingSides(corners);
  if (crossing !== null) return { kind: 'selfIntersecting', sides: crossing };
  if (Math.abs(signedArea(corners)) < 1e-12) return { kind: 'noArea' };
  return null;
}

/** Twice the area the corners enclose, in square degrees: enough to tell none from some. */
function signedArea(corners: readonly Corner[]): number {
  let sum = 0;
  corners.forEach((corner, index) => {
    const next = corners[(index + 1) % corners.length] ?? corner;
    sum += corner[1] * next[0] - next[1] * corner[0];
  });
  return sum;
}

// NOTE: the sides are taken as straight lines on a flat plane of latitude and longitude; for a
// city's areas, a few kilometres across, that is what the map shows.
/** The first two sides that cross or touch other than at their shared corner, 1-based. */
function crossingSides(corners: readonly Corner[]): [number, number] | null {
  const count = corners.length;
  const side = (index: number): [Corner, Corner] => [
    corners[index] ?? [0, 0],
    corners[(index + 1) % count] ?? [0, 0],
  ];
  for (let i = 0; i < count; i += 1) {
    for (let j = i + 1; j < count; j += 1) {
      const [a, b] = side(i);
      const [c, d] = side(j);
      const adjacent = j === i + 1 || (i === 0 && j === count - 1);
      if (adjacent) {
        // Neighbours share a corner; they only go wrong by folding back over each other.
        const shared = j === i + 1 ? b : a;
        const [p, q] = j === i + 1 ? [a, d] : [b, c];
        if (foldsBack(shared, p, q)) return [i + 1, j + 1];
      } else if (segmentsMeet(a, b, c, d)) {
        return [i + 1, j + 1];
      }
    }
  }
  return null;
}

/** Whether two sides leaving `shared` toward p and q run along each other. */
function foldsBack(shared: Corner, p: Corner, q: Corner): boolean {
  if (sameCorner(shared, p) || sameCorner(shared, q)) return true;
  if (orientation(shared, p, q) !== 0) return false;
  // On one line: they overlap when p and q lie on the same side of the shared corner.
  return (p[0] - shared[0]) * (q[0] - shared[0]) + (p[1] - shared[1]) * (q[1] - shared[1]) > 0;
}

function orientation(a: Corner, b: Corner, c: Corner): -1 | 0 | 1 {
  const value = (b[1] - a[1]) * (c[0] - a[0]) - (b[0] - a[0]) * (c[1] - a[1]);
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

function onSegment(a: Corner, b: Corner, point: Corner): boolean {
  return (
    Math.min(a[0], b[0]) <= point[0] &&
    point[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= point[1] &&
    point[1] <= Math.max(a[1], b[1])
  );
}

function segmentsMeet(a: Corner, b: Corner, c: Corner, d: Corner): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(a, b, c)) ||
    (o2 === 0 && onSegment(a, b, d)) ||
    (o3 === 0 && onSegment(c, d, a)) ||
    (o4 === 0 && onSegment(c, d, b))
  );
}
