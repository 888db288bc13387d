/**
 * @pdf-lib/fontkit made fit for @cantoo/pdf-lib's font subsetting. The fork asks a subset for
 * `encode()` whenever it has one, expecting fontkit 2's "encode to bytes"; @pdf-lib/fontkit 1.x
 * also has an `encode`, but it writes into a stream it must be given, so every subset embedding
 * threw ("Cannot read properties of undefined (reading 'pos')"). Here `encode()` without a stream
 * collects `encodeStream()` instead; the embedder awaits what `encode()` returns, so a promise of
 * the bytes does. Remove once @cantoo/fontkit (or fontkit 2) replaces @pdf-lib/fontkit.
 */
import type { PDFDocument } from '@cantoo/pdf-lib';
import { create as createFont, type Subset, type SubsetStream } from '@pdf-lib/fontkit';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

interface StreamEncodingSubset extends Subset {
  /** Present at run time on @pdf-lib/fontkit's subsets (not in its typings). */
  encode(stream?: unknown): unknown;
}

export const subsettingFontkit = {
  create(buffer: Uint8Array, postscriptName?: string) {
    const font = createFont(buffer, postscriptName);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => encodingToBytes(createSubset() as StreamEncodingSubset);
    return font;
  },
} as unknown as Fontkit;

function encodingToBytes(subset: StreamEncodingSubset): Subset {
  const encodeInto = subset.encode.bind(subset);
  // encodeStream() calls this.encode(stream) itself: with a stream, the original still does the work.
  subset.encode = (stream?: unknown) => (stream === undefined ? collect(subset.encodeStream()) : encodeInto(stream));
  return subset;
}

function collect(stream: SubsetStream): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const parts: Uint8Array[] = [];
    stream.on('data', (part) => parts.push(part)).on('end', () => resolve(Buffer.concat(parts)));
  });
}
