/**
 * Signature pictures, embedded once per document. A signer's picture is drawn in every signature
 * field of theirs and again on the certificate; embedding it each time would repeat the image data
 * in the file. Keyed by content, because the same picture often arrives as different Buffers.
 */
import { createHash } from 'node:crypto';
import type { PDFDocument, PDFImage } from '@cantoo/pdf-lib';

export type EmbedPicture = (bytes: Buffer) => Promise<PDFImage | null>;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);

/**
 * An embedder for `doc` that gives the same PDFImage for the same picture. Resolves to null for
 * bytes that are neither PNG nor JPEG or that cannot be decoded, so the caller can print a fallback
 * (a picture stored long ago should not stop a contract from being sealed).
 */
export function pictureCache(doc: PDFDocument): EmbedPicture {
  const embedded = new Map<string, Promise<PDFImage | null>>();
  return (bytes) => {
    const key = createHash('sha256').update(bytes).digest('hex');
    let image = embedded.get(key);
    if (!image) {
      image = embed(doc, bytes);
      embedded.set(key, image);
    }
    return image;
  };
}

async function embed(doc: PDFDocument, bytes: Buffer): Promise<PDFImage | null> {
  try {
    if (bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return await doc.embedPng(bytes);
    if (bytes.subarray(0, JPEG_SIGNATURE.length).equals(JPEG_SIGNATURE)) return await doc.embedJpg(bytes);
  } catch {
    // Undecodable: the caller prints its fallback.
  }
  return null;
}

/** The largest size with the picture's aspect ratio that fits `width` × `height`. */
export function fitPicture(
  picture: { width: number; height: number },
  box: { width: number; height: number },
): { width: number; height: number } {
  const scale = Math.min(box.width / picture.width, box.height / picture.height);
  return { width: picture.width * scale, height: picture.height * scale };
}
