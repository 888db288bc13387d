import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import type { FileStorage } from '../../core/storage/file-storage';

/**
 * Where a contract's files live and how bytes get in and out. Keys are made here, never from a
 * name a client sent: `contracts/<agency>/<contract>/<what>-<random>.<ext>`.
 */
export function contractFileKey(agencyId: string, contractId: string, what: string, extension: string): string {
  return `contracts/${agencyId}/${contractId}/${what}-${randomBytes(6).toString('hex')}.${extension}`;
}

export function templateFileKey(agencyId: string, templateId: string): string {
  return `contract-templates/${agencyId}/${templateId}-${randomBytes(6).toString('hex')}.pdf`;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The request body, whole, up to `maxBytes` (PDFs are parsed whole anyway). A declared length over
 * the limit is refused before anything is read; a body that grows past it as soon as it does.
 */
export async function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new PayloadTooLargeException(`The file is larger than ${Math.round(maxBytes / (1024 * 1024))} MB.`);
  const declared = Number(request.headers['content-length']);
  if (declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > maxBytes) {
      request.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  if (received === 0) throw new BadRequestException('Send the PDF as the request body.');
  return Buffer.concat(chunks);
}

export async function readStored(storage: FileStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.get(key)) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

export async function store(storage: FileStorage, key: string, bytes: Buffer, contentType: string): Promise<void> {
  await storage.put(key, Readable.from([bytes]), contentType);
}

/** The largest signature picture kept (after decoding), and its largest side in pixels. */
const MAX_PICTURE_BYTES = 700 * 1024;
const MAX_PICTURE_SIDE = 4000;

/**
 * A signature picture sent as a data URL: PNG or JPEG only, checked by its bytes (not by the
 * declared type), bounded in size. Anything else is a 400 naming the field.
 */
export function decodeSignaturePicture(dataUrl: string, field: string): { bytes: Buffer; mimeType: string } {
  const refuse = (message: string) => new ValidationFailedException([{ field, messages: [message] }]);
  const match = /^data:image\/(png|jpeg|jpg);base64,([A-Za-z0-9+/=\s]+)$/.exec(dataUrl);
  if (!match) throw refuse('send the signature as a PNG or JPEG picture');
  const bytes = Buffer.from(match[2], 'base64');
  if (bytes.length === 0) throw refuse('the signature picture is empty');
  if (bytes.length > MAX_PICTURE_BYTES) throw refuse('the signature picture is too large (700 kB at most)');
  const size = pictureSize(bytes);
  if (!size) throw refuse('the signature picture could not be read: use a PNG or JPEG');
  if (size.width < 1 || size.height < 1 || size.width > MAX_PICTURE_SIDE || size.height > MAX_PICTURE_SIDE) {
    throw refuse(`the signature picture must be at most ${MAX_PICTURE_SIDE} pixels on each side`);
  }
  return { bytes, mimeType: size.mimeType };
}

/** Width and height read from a PNG's IHDR or a JPEG's SOF marker; null when it is neither. */
export function pictureSize(bytes: Buffer): { width: number; height: number; mimeType: string } | null {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(png) && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), mimeType: 'image/png' };
  }
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return null;
      const marker = bytes[at + 1];
      const length = bytes.readUInt16BE(at + 2);
      const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isFrame) {
        return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7), mimeType: 'image/jpeg' };
      }
      at += 2 + length;
    }
  }
  return null;
}
