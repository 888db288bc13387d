/**
 * Just enough DER to read and write the few structures around a time-stamp: CMS and RFC 3161
 * messages. Elements are read as byte ranges of the input rather than decoded into objects, so a
 * time-stamp token signed by someone else is carried into our signature byte for byte (re-encoding
 * it, as node-forge's asn1 does, could change a byte the authority's signature covers).
 */
import forge from 'node-forge';

export const DER_TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
  /** [n] of a constructed element (EXPLICIT, or IMPLICIT SET/SEQUENCE). */
  context: (n: number) => 0xa0 | n,
} as const;

/** One element: its tag and where it lies in the bytes it was read from. */
export interface DerElement {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the last content byte. */
  end: number;
}

/** The element starting at `offset`; it must end by `limit`. Throws on anything that is not DER. */
export function readDer(bytes: Buffer, offset = 0, limit = bytes.length): DerElement {
  if (offset + 2 > limit) throw new Error('Truncated DER element.');
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) throw new Error('Unsupported DER tag (high tag number).');
  let length = bytes[offset + 1];
  let contentStart = offset + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    // 0x80 is BER's indefinite length; more than four octets is more than we would ever accept.
    if (octets === 0 || octets > 4) throw new Error('Not DER (indefinite or oversized length).');
    if (contentStart + octets > limit) throw new Error('Truncated DER element.');
    length = 0;
    for (let index = 0; index < octets; index++) length = length * 256 + bytes[contentStart + index];
    contentStart += octets;
  }
  const end = contentStart + length;
  if (end > limit) throw new Error('Truncated DER element.');
  return { tag, start: offset, contentStart, end };
}

/** The whole input as one element, nothing after it. */
export function readDerDocument(bytes: Buffer): DerElement {
  const element = readDer(bytes);
  if (element.end !== bytes.length) throw new Error('Unexpected bytes after the DER element.');
  return element;
}

/** The elements inside a constructed element. */
export function derChildren(bytes: Buffer, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  for (let offset = parent.contentStart; offset < parent.end; ) {
    const child = readDer(bytes, offset, parent.end);
    children.push(child);
    offset = child.end;
  }
  return children;
}

export function derContent(bytes: Buffer, element: DerElement): Buffer {
  return bytes.subarray(element.contentStart, element.end);
}

/** Tag, length and content: the element exactly as it was read. */
export function derBytes(bytes: Buffer, element: DerElement): Buffer {
  return bytes.subarray(element.start, element.end);
}

export function readOid(bytes: Buffer, element: DerElement): string {
  if (element.tag !== DER_TAG.oid) throw new Error('Expected an OBJECT IDENTIFIER.');
  return forge.asn1.derToOid(forge.util.createBuffer(derContent(bytes, element).toString('binary')));
}

/** An INTEGER's value as unsigned big-endian bytes without leading zeros (for comparing). */
export function readUnsignedInteger(bytes: Buffer, element: DerElement): Buffer {
  if (element.tag !== DER_TAG.integer) throw new Error('Expected an INTEGER.');
  return stripLeadingZeros(derContent(bytes, element));
}

/** A small INTEGER (status codes, versions) as a number. */
export function readSmallInteger(bytes: Buffer, element: DerElement): number {
  const value = derContent(bytes, element);
  if (element.tag !== DER_TAG.integer || value.length === 0 || value.length > 4) {
    throw new Error('Expected a small INTEGER.');
  }
  return value.readIntBE(0, value.length);
}

/** An element with `tag` around the concatenated contents. */
export function der(tag: number, ...contents: Buffer[]): Buffer {
  const content = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

export function derOid(oid: string): Buffer {
  return der(DER_TAG.oid, Buffer.from(forge.asn1.oidToDer(oid).getBytes(), 'binary'));
}

/** A non-negative INTEGER from big-endian bytes, in its shortest form. */
export function derUnsignedInteger(value: Buffer | number): Buffer {
  let bytes = stripLeadingZeros(typeof value === 'number' ? bigEndian(value) : value);
  if (bytes.length === 0) bytes = Buffer.from([0]);
  // A set top bit would make the number negative: a zero byte in front keeps it positive.
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return der(DER_TAG.integer, bytes);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const octets = bigEndian(length);
  return Buffer.concat([Buffer.from([0x80 | octets.length]), octets]);
}

/** A non-negative safe integer as big-endian bytes, as few as it takes (none for 0). */
function bigEndian(value: number): Buffer {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from(bytes);
}

/** Big-endian unsigned bytes without leading zeros: the value, for comparing. */
export function stripLeadingZeros(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  return bytes.subarray(start);
}
