import type { CapCircle, CapReference, Coordinates } from '@vaka/domain';

/**
 * Readers for the values inside CAP elements: times, polygons, circles, references. Each reads
 * what a careful person could, and says in `note` where the value strays from CAP 1.2.
 */
export type Note = (deviation: string) => void;

/** CAP 1.2's one form of a time: seconds, and a numeric offset. */
const CAP_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;
/** The forms a careful reader still understands. */
const LOOSE_TIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

/** An instant as an ISO string in UTC, or undefined (and a note) when it cannot be read. */
export function readTime(raw: string, field: string, note: Note): string | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  const match = LOOSE_TIME.exec(text);
  if (match) {
    const [, year, month, day, hour = '0', minute = '0', second = '0', fraction, zone] = match;
    const ms = Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hour),
      Number(minute),
      Number(second),
      fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000),
    );
    const check = new Date(ms);
    const valid =
      check.getUTCMonth() === Number(month) - 1 &&
      check.getUTCDate() === Number(day) &&
      Number(hour) < 24 &&
      Number(minute) < 60 &&
      Number(second) < 61;
    const offset = zoneOffsetMinutes(zone);
    if (valid && offset !== undefined) {
      const iso = new Date(ms - offset * 60_000).toISOString();
      if (!CAP_TIME.test(text)) {
        note(
          `<${field}> "${text}" is not in CAP's form (2024-05-01T14:00:00+02:00)${zone === undefined ? ', and has no time zone: UTC assumed' : ''}`,
        );
      }
      return iso;
    }
  }
  // RFC 822 dates, as feeds write them, when they name their zone.
  if (/[A-Za-z]{3}/.test(text) && /(?:[+-]\d{4}|GMT|UTC)\s*$/.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) {
      note(`<${field}> "${text}" is not in CAP's form (2024-05-01T14:00:00+02:00)`);
      return new Date(ms).toISOString();
    }
  }
  note(`<${field}> "${clip(text)}" is not a time: ignored`);
  return undefined;
}

function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || /^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return undefined;
  const [, sign, hours, minutes = '0'] = match;
  if (Number(hours) > 14 || Number(minutes) > 59) return undefined;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

/**
 * Pairs of "lat,lon" separated by spaces, as polygons and circles write them. Also read: points
 * separated by semicolons, all numbers separated by commas, and a third number (an altitude).
 */
function readPoints(raw: string, what: string, note: Note): Array<[number, number]> | undefined {
  const tokens = raw
    .trim()
    .replace(/\s*,\s*/g, ',')
    .split(/[\s;]+/)
    .filter((token) => token !== '');
  if (raw.includes(';')) note(`${what} with its points separated by semicolons`);
  const numbers: string[][] = [];
  for (const token of tokens) {
    const parts = token.split(',');
    if (parts.length === 2) {
      numbers.push(parts);
    } else if (parts.length === 3) {
      note(`${what} with a third number to a point: ignored`);
      numbers.push(parts.slice(0, 2));
    } else if (parts.length > 3 && parts.length % 2 === 0) {
      note(`${what} with commas between its points`);
      for (let index = 0; index < parts.length; index += 2) {
        numbers.push(parts.slice(index, index + 2));
      }
    } else {
      return undefined;
    }
  }
  const points: Array<[number, number]> = [];
  for (const [lat = '', lon = ''] of numbers) {
    const point: [number, number] = [Number(lat), Number(lon)];
    if (lat === '' || lon === '' || !Number.isFinite(point[0]) || !Number.isFinite(point[1])) {
      return undefined;
    }
    points.push(point);
  }
  return points;
}

/** Points as coordinates, swapped when they can only be lon,lat; undefined when off the globe. */
function toCoordinates(
  points: ReadonlyArray<[number, number]>,
  what: string,
  note: Note,
): Coordinates[] | undefined {
  const fits = (lat: number, lon: number) => Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  if (points.every(([lat, lon]) => fits(lat, lon))) {
    return points.map(([lat, lon]) => ({ lat, lon }));
  }
  if (points.every(([lat, lon]) => fits(lon, lat))) {
    note(`${what} has its coordinates as longitude,latitude: swapped`);
    return points.map(([lon, lat]) => ({ lat, lon }));
  }
  note(`${what} has coordinates off the globe: ignored`);
  return undefined;
}

/** A polygon's ring, closed when it was not; undefined (and a note) when it cannot be read. */
export function readPolygon(raw: string, note: Note): Coordinates[] | undefined {
  if (raw.trim() === '') {
    note('an empty <polygon>: ignored');
    return undefined;
  }
  if (/,\s+|\s+,/.test(raw.trim())) note('a <polygon> with spaces around its commas');
  const points = readPoints(raw, 'a <polygon>', note);
  if (!points || points.length === 0) {
    note(`the <polygon> "${clip(raw.trim())}" is not a list of lat,lon pairs: ignored`);
    return undefined;
  }
  const ring = toCoordinates(points, 'a <polygon>', note);
  if (!ring) return undefined;
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (ring.length > 1 && (first.lat !== last.lat || first.lon !== last.lon)) {
    note('polygon not closed: its first point was added at the end');
    ring.push({ ...first });
  }
  if (ring.length < 4) note(`a <polygon> of ${ring.length} points; CAP asks for at least 4`);
  return ring;
}

/** A circle ("lat,lon radius" in km); undefined (and a note) when it cannot be read. */
export function readCircle(raw: string, note: Note): CapCircle | undefined {
  const text = raw.trim().replace(/\s*,\s*/g, ',');
  const [point = '', radius, ...rest] = text.split(/\s+/);
  const points = readPoints(point, 'a <circle>', note);
  const radiusKm = radius === undefined ? 0 : Number(radius);
  if (!points || points.length !== 1 || !Number.isFinite(radiusKm) || rest.length > 0) {
    note(`the <circle> "${clip(raw.trim())}" is not "lat,lon radius": ignored`);
    return undefined;
  }
  if (radius === undefined) note(`the <circle> "${clip(raw.trim())}" has no radius: 0 assumed`);
  const [center] = toCoordinates(points, 'a <circle>', note) ?? [];
  if (!center) return undefined;
  return { center, radiusKm: Math.abs(radiusKm) };
}

/**
 * The earlier alerts named in `<references>`: "sender,identifier,sent" triples separated by
 * whitespace. Commas between triples, commas inside identifiers and triples without their sent
 * time are still read, and noted.
 */
export function readReferences(raw: string, note: Note): CapReference[] {
  let text = raw.trim();
  if (text === '') return [];
  if (/\s,|,\s/.test(text)) {
    note('spaces around the commas in <references>');
    text = text.replace(/\s*,\s*/g, ',');
  }
  const references: CapReference[] = [];
  const quiet: Note = () => {};
  for (const token of text.split(/\s+/)) {
    const parts = token.split(',');
    if (parts.length === 3) {
      references.push(reference(parts[0]!, parts[1]!, parts[2]!, note));
    } else if (
      parts.length > 3 &&
      parts.length % 3 === 0 &&
      parts.every((part, index) => index % 3 !== 2 || readTime(part, 'sent', quiet) !== undefined)
    ) {
      note('<references> separated by commas instead of spaces');
      for (let index = 0; index < parts.length; index += 3) {
        references.push(reference(parts[index]!, parts[index + 1]!, parts[index + 2]!, note));
      }
    } else if (parts.length > 3 && readTime(parts[parts.length - 1]!, 'sent', quiet)) {
      note(`a reference with commas in its identifier: "${clip(token)}"`);
      references.push(
        reference(parts[0]!, parts.slice(1, -1).join(','), parts[parts.length - 1]!, note),
      );
    } else if (parts.length === 2 && parts[0] !== '' && parts[1] !== '') {
      note(`a reference without its sent time: "${clip(token)}"`);
      references.push({ sender: parts[0]!, identifier: parts[1]! });
    } else {
      note(`the reference "${clip(token)}" is not "sender,identifier,sent": ignored`);
    }
  }
  return references;
}

function reference(sender: string, identifier: string, sentText: string, note: Note): CapReference {
  const sent = readTime(sentText, 'references', note);
  return { sender, identifier, ...(sent !== undefined && { sent }) };
}

/** A number, or undefined (and a note) when the text is not one. */
export function readNumber(raw: string, field: string, note: Note): number | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  const value = Number(text);
  if (Number.isFinite(value)) return value;
  note(`<${field}> "${clip(text)}" is not a number: ignored`);
  return undefined;
}

/** A value short enough to quote in a sentence. */
export function clip(text: string, length = 60): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
