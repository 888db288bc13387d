import type { MediaKind } from '@atrium/shared';

export interface DetectedType {
  mimeType: string;
  kind: MediaKind;
  /** The extension downloads get, whatever the uploaded name said. */
  extension: string;
}

/** How many leading bytes detection needs. */
export const SNIFF_BYTES = 64;

const startsWith = (head: Buffer, bytes: number[], offset = 0) =>
  head.length >= offset + bytes.length && bytes.every((b, i) => head[offset + i] === b);
const ascii = (head: Buffer, text: string, offset = 0) => startsWith(head, [...Buffer.from(text, 'latin1')], offset);

/**
 * The file's type from its first bytes (magic numbers), never from its name or the browser's
 * Content-Type. Only types Atrium can use for posts and contracts are known; everything else,
 * including SVG and HTML (which could carry script), is refused.
 */
export function detectFileType(head: Buffer): DetectedType | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mimeType: 'image/jpeg', kind: 'image', extension: 'jpg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { mimeType: 'image/png', kind: 'image', extension: 'png' };
  }
  if (ascii(head, 'GIF87a') || ascii(head, 'GIF89a')) return { mimeType: 'image/gif', kind: 'image', extension: 'gif' };
  if (ascii(head, 'RIFF') && ascii(head, 'WEBP', 8))
    return { mimeType: 'image/webp', kind: 'image', extension: 'webp' };
  if (ascii(head, 'ftyp', 4)) {
    const brand = head.subarray(8, 12).toString('latin1');
    if (brand === 'qt  ') return { mimeType: 'video/quicktime', kind: 'video', extension: 'mov' };
    if (['avif', 'avis'].includes(brand)) return { mimeType: 'image/avif', kind: 'image', extension: 'avif' };
    if (['heic', 'heix', 'mif1'].includes(brand)) return null;
    return { mimeType: 'video/mp4', kind: 'video', extension: 'mp4' };
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return { mimeType: 'video/webm', kind: 'video', extension: 'webm' };
  if (ascii(head, '%PDF-')) return { mimeType: 'application/pdf', kind: 'document', extension: 'pdf' };
  return null;
}

export const ACCEPTED_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'application/pdf',
];

/** A guess at what a refused file is, for the message only. */
export function describeRefused(head: Buffer): string {
  const text = head.toString('utf8').trimStart().toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) return 'an SVG image';
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<script'))
    return 'an HTML page';
  return 'this kind of file';
}

/**
 * The uploader's file name made safe to show and to offer in downloads: no directories, no
 * control or reserved characters, at most 200 characters, never empty.
 *
 * Invisible characters go too: a right-to-left override makes `invoice\u202Egpj.html` look like
 * `invoicelmth.jpg` in a file list, so bidi controls and every other format character (\p{Cf}: zero
 * widths, soft hyphens, tags) are removed, as are line and paragraph separators and lone surrogates.
 */
export function cleanFilename(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // Control (\p{Cc}) and format (\p{Cf}) characters, separators that break lines, lone surrogates,
    // and the characters Windows and shells treat specially.
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}<>:"|?*]/gu, '')
    .replace(/^[.\s]+/u, '')
    // Windows drops trailing dots and spaces, which would change what the extension seems to be.
    .replace(/[.\s]+$/u, '');
  return keepEnd(cleaned || 'file', 200);
}

/** The last `length` UTF-16 units, never starting with half of a character. */
function keepEnd(text: string, length: number): string {
  return text.slice(-length).replace(/^\p{Cs}/u, '');
}

/** Extensions people use for each type Atrium stores; a name with one of these keeps it as written. */
const EXTENSIONS: Record<string, { canonical: string; aliases: string[] }> = {
  'image/jpeg': { canonical: 'jpg', aliases: ['jpg', 'jpeg', 'jpe', 'jfif', 'pjpeg', 'pjp'] },
  'image/png': { canonical: 'png', aliases: ['png'] },
  'image/gif': { canonical: 'gif', aliases: ['gif'] },
  'image/webp': { canonical: 'webp', aliases: ['webp'] },
  'image/avif': { canonical: 'avif', aliases: ['avif'] },
  'video/mp4': { canonical: 'mp4', aliases: ['mp4', 'm4v'] },
  'video/quicktime': { canonical: 'mov', aliases: ['mov', 'qt'] },
  'video/webm': { canonical: 'webm', aliases: ['webm'] },
  'application/pdf': { canonical: 'pdf', aliases: ['pdf'] },
};

/** What looks like an extension: a final dot, then up to 10 letters or digits, at least one a letter. */
const EXTENSION = /\.(?=[^.]*\p{L})[\p{L}\p{N}]{1,10}$/u;

/**
 * A clean name whose extension says what the file is: JPEG bytes named `report.html` are offered
 * as `report.jpg`. The wrong extension is replaced rather than kept in front (`report.html.jpg`):
 * Windows hides known extensions by default and would show that as `report.html`.
 */
export function filenameForType(raw: string | undefined, mimeType: string): string {
  const name = cleanFilename(raw);
  const extensions = EXTENSIONS[mimeType];
  if (!extensions) return name;
  const current = EXTENSION.exec(name)?.[0].slice(1).toLowerCase();
  if (current && extensions.aliases.includes(current)) return name;
  const stem = (current ? name.slice(0, -current.length - 1) : name).replace(/[.\s]+$/u, '') || 'file';
  const suffix = `.${extensions.canonical}`;
  return stem.slice(0, 200 - suffix.length).replace(/\p{Cs}$/u, '') + suffix;
}
