import { describe, expect, it } from 'vitest';
import {
  closed,
  cornerAt,
  cornersOf,
  formatCorners,
  parseCorners,
  polygonProblem,
  type Corner,
} from './area-polygon.ts';

/** A square around Södermalm, corners clockwise from the north-west. */
const square: Corner[] = [
  [59.32, 18.03],
  [59.32, 18.1],
  [59.3, 18.1],
  [59.3, 18.03],
];

describe('the polygon of a message area', () => {
  it('takes three or more corners whose sides do not cross, and no corners at all', () => {
    expect(polygonProblem(square)).toBeNull();
    expect(polygonProblem(square.slice(0, 3))).toBeNull();
    expect(polygonProblem([])).toBeNull();
  });

  it('needs at least three corners', () => {
    expect(polygonProblem(square.slice(0, 1))).toEqual({ kind: 'tooFew', corners: 1 });
    expect(polygonProblem(square.slice(0, 2))).toEqual({ kind: 'tooFew', corners: 2 });
  });

  it('refuses a bow tie, whose sides cross, and names the sides', () => {
    const [nw, ne, se, sw] = square as [Corner, Corner, Corner, Corner];
    expect(polygonProblem([nw, se, ne, sw])).toEqual({ kind: 'selfIntersecting', sides: [1, 3] });
  });

  it('refuses a corner that touches another side, and a side that folds back on its neighbour', () => {
    // The fifth corner lands on the first side.
    expect(polygonProblem([...square, [59.32, 18.06]])).toMatchObject({
      kind: 'selfIntersecting',
    });
    // Out along a line and back along it.
    const spike: Corner[] = [
      [59.3, 18.0],
      [59.3, 18.1],
      [59.3, 18.05],
      [59.2, 18.05],
    ];
    expect(polygonProblem(spike)).toMatchObject({ kind: 'selfIntersecting' });
    // The same corner twice in a row.
    expect(polygonProblem([square[0] ?? [0, 0], ...square])).toMatchObject({
      kind: 'selfIntersecting',
    });
  });

  it('refuses corners on one line, which enclose nothing', () => {
    expect(
      polygonProblem([
        [59.3, 18.0],
        [59.31, 18.01],
        [59.32, 18.02],
      ]),
    ).toEqual({ kind: 'noArea' });
  });

  it('keeps to what CAP carries: at most 499 corners and the first again', () => {
    const circle = (count: number): Corner[] =>
      Array.from({ length: count }, (_, index) => {
        const angle = (2 * Math.PI * index) / count;
        return cornerAt(59.3 + 0.01 * Math.sin(angle), 18.0 + 0.02 * Math.cos(angle));
      });
    expect(polygonProblem(circle(499))).toBeNull();
    expect(polygonProblem(circle(500))).toEqual({ kind: 'tooMany', corners: 500 });
  });

  it('closes the ring for storing and opens a stored one again', () => {
    const ring = closed(square);
    expect(ring).toHaveLength(5);
    expect(ring.at(-1)).toEqual(ring[0]);
    expect(cornersOf({ description: '', districtIds: [], polygon: ring })).toEqual(square);
    expect(cornersOf({ description: '', districtIds: [] })).toEqual([]);
    expect(closed([])).toEqual([]);
  });

  it('rounds a corner clicked on the map to six decimals', () => {
    expect(cornerAt(59.329_312_345_6, 18.068_580_999_9)).toEqual([59.329312, 18.068581]);
  });
});

describe('the corners typed as text', () => {
  it('reads one corner a line, latitude then longitude, with commas, semicolons or spaces', () => {
    const parsed = parseCorners('59.32, 18.03\n 59.32;18.1 \n\n59.3 18.1\n59.3,18.03\n');
    expect(parsed).toEqual({ ok: true, corners: square });
  });

  it('reads back what it writes', () => {
    expect(formatCorners(square)).toBe('59.32, 18.03\n59.32, 18.1\n59.3, 18.1\n59.3, 18.03');
    expect(parseCorners(formatCorners(square))).toEqual({ ok: true, corners: square });
    expect(parseCorners('')).toEqual({ ok: true, corners: [] });
  });

  it('drops a last line that repeats the first, as a ring copied from CAP has', () => {
    expect(parseCorners(`${formatCorners(square)}\n59.32, 18.03`)).toEqual({
      ok: true,
      corners: square,
    });
  });

  it('reads negative coordinates, also with a typographic minus', () => {
    expect(parseCorners('-33.86, 151.2\n\u221233.9, −151.25')).toEqual({
      ok: true,
      corners: [
        [-33.86, 151.2],
        [-33.9, -151.25],
      ],
    });
  });

  it('names each line that is wrong, counting empty lines as a person sees them', () => {
    const parsed = parseCorners('59.32, 18.03\n\nSödermalm\n95, 18.1\n59.3, 181\n59.3');
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { line: 3, kind: 'notTwoNumbers', text: 'Södermalm' },
        { line: 4, kind: 'latitudeOutOfRange', value: 95 },
        { line: 5, kind: 'longitudeOutOfRange', value: 181 },
        { line: 6, kind: 'notTwoNumbers', text: '59.3' },
      ],
    });
  });

  it('does not take a decimal comma for two numbers', () => {
    expect(parseCorners('59,32, 18,03')).toMatchObject({
      ok: false,
      errors: [{ line: 1, kind: 'notTwoNumbers' }],
    });
  });
});
