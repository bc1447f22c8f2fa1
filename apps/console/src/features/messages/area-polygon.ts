import { ringCorners, type Corner, type MessageArea } from '@vaka/domain';

// The geometry is the domain's, so that the server refuses what the console does.
export {
  MAX_CORNERS,
  closedRing as closed,
  ringCorners as opened,
  polygonProblem,
  type Corner,
  type PolygonProblem,
} from '@vaka/domain';

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
  return { ok: true, corners: ringCorners(corners) };
}

/** The corners as the field shows them: "lat, lon" a line. */
export function formatCorners(corners: readonly Corner[]): string {
  return corners.map(([lat, lon]) => `${lat}, ${lon}`).join('\n');
}

/** The corners of a stored area's polygon; none when it has no polygon. */
export function cornersOf(area: MessageArea): Corner[] {
  return area.polygon === undefined ? [] : ringCorners(area.polygon);
}
