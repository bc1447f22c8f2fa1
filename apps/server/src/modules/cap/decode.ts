import { BadRequestError } from '../../errors.ts';

/** A document's bytes read as text, with how the encoding was found. */
export interface DecodedXml {
  text: string;
  /** The encoding the text was read in, as TextDecoder names it (utf-8, windows-1252, ...). */
  encoding: string;
  deviations: string[];
}

/** The XML declaration's encoding, read from the first bytes in any ASCII-compatible encoding. */
const DECLARED_ENCODING = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/;

/**
 * Reads an XML document's bytes as text, the way XML says to: a byte order mark first, then the
 * encoding the XML declaration names, then the charset of the Content-Type, else UTF-8. What a
 * careful reader can still make out is read and noted: UTF-16 without a mark, a declaration
 * that names an encoding the bytes are not in or one nobody knows, bytes that are not the UTF-8
 * they claim to be. Refused (400) for UTF-32, and for bytes not valid in the UTF-16 they are in.
 */
export function decodeXml(bytes: Uint8Array, charset?: string): DecodedXml {
  const deviations: string[] = [];
  const marked = byteOrderMark(bytes);
  const declared = declaredEncoding(bytes, marked);

  let label: string;
  if (marked) {
    label = marked;
    if (declared && !sameEncoding(declared, marked) && !/^utf-?16$/i.test(declared)) {
      deviations.push(
        `the XML declaration names ${declared} but the byte order mark says ${marked}: read as ${marked}`,
      );
    }
  } else if (bytes[0] === 0x3c && bytes[1] === 0x00) {
    label = 'utf-16le';
    deviations.push('UTF-16 without a byte order mark: read as UTF-16LE');
  } else if (bytes[0] === 0x00 && bytes[1] === 0x3c) {
    label = 'utf-16be';
    deviations.push('UTF-16 without a byte order mark: read as UTF-16BE');
  } else if (declared && /^utf-?(16|32)/i.test(declared)) {
    // The bytes are plainly 8-bit (the declaration itself reads as ASCII).
    label = charset ?? 'utf-8';
    deviations.push(
      `the XML declaration names ${declared} but the document is written in an 8-bit encoding: read as ${label}`,
    );
  } else {
    label = declared ?? charset ?? 'utf-8';
    if (declared && charset && !sameEncoding(declared, charset)) {
      deviations.push(
        `the Content-Type says charset=${charset} but the XML declaration names ${declared}: read as ${declared}`,
      );
    }
  }

  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    // The bytes are ASCII-compatible (the declaration read as such): UTF-8, or Latin-1 failing that.
    deviations.push(`the encoding "${label}" is not one Vaka knows: read as UTF-8`);
    decoder = new TextDecoder('utf-8', { fatal: true });
  }
  try {
    return { text: decoder.decode(bytes), encoding: decoder.encoding, deviations };
  } catch {
    if (decoder.encoding !== 'utf-8') {
      throw new BadRequestError(
        `The document is not valid ${decoder.encoding}, the encoding it is read in; check the XML declaration's encoding`,
      );
    }
    // NOTE: the commonest mislabelling by far: Latin-1 text saved without a declaration, or
    // with a template's UTF-8 one. windows-1252 decodes any byte, so this always reads.
    deviations.push('the document is not valid UTF-8: read as windows-1252 (ISO-8859-1)');
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      encoding: 'windows-1252',
      deviations,
    };
  }
}

function byteOrderMark(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    if (bytes[2] === 0x00 && bytes[3] === 0x00) {
      throw new BadRequestError('The document is in UTF-32, which Vaka cannot read; send UTF-8');
    }
    return 'utf-16le';
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0xfe && bytes[3] === 0xff) {
    throw new BadRequestError('The document is in UTF-32, which Vaka cannot read; send UTF-8');
  }
  return undefined;
}

/** The encoding the XML declaration names, read in the encoding the first bytes show. */
function declaredEncoding(bytes: Uint8Array, marked: string | undefined): string | undefined {
  const head = bytes.subarray(0, 1024);
  let prolog: string;
  if (marked === 'utf-16le' || (head[0] === 0x3c && head[1] === 0x00)) {
    prolog = new TextDecoder('utf-16le').decode(head);
  } else if (marked === 'utf-16be' || (head[0] === 0x00 && head[1] === 0x3c)) {
    prolog = new TextDecoder('utf-16be').decode(head);
  } else {
    prolog = new TextDecoder('latin1').decode(head);
  }
  return DECLARED_ENCODING.exec(prolog.replace(/^\uFEFF/, ''))?.[1];
}

function sameEncoding(a: string, b: string): boolean {
  const normal = (label: string) => {
    try {
      return new TextDecoder(label).encoding;
    } catch {
      return label.toLowerCase();
    }
  };
  return normal(a) === normal(b);
}
