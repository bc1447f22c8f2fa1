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

/** The corners without the repeated first point a closed ring ends with. */
export function ringCorners(ring: readonly Corner[]): Corner[] {
  const first = ring[0];
  const last = ring.at(-1);
  if (ring.length > 1 && first !== undefined && last !== undefined && sameCorner(first, last)) {
    return ring.slice(0, -1);
  }
  return [...ring];
}

/** The ring CAP and the message store: the first corner again at the end. */
export function closedRing(corners: readonly Corner[]): [number, number][] {
  const ring = corners.map(([lat, lon]): [number, number] => [lat, lon]);
  const first = ring[0];
  return first === undefined ? [] : [...ring, [first[0], first[1]]];
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
