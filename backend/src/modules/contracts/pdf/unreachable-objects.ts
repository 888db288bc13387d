/**
 * pdf-lib writes every object it ever parsed, referenced or not. After flattening and removing
 * scripts, the script bodies and the removed fields would still sit in the sealed file, unused but
 * readable (and a tool searching it for JavaScript would rightly complain). Keeping only what the
 * document can reach from its trailer drops them, and usually makes the file smaller too.
 */
import { PDFArray, PDFDict, PDFRef, PDFStream, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';
import { OBJECTS_PER_TICK } from './pdf-loading';

export function removeUnreachableObjects(doc: PDFDocument): void {
  const { context } = doc;
  const reachable = new Set<PDFRef>();
  const pending: PDFObject[] = [];
  const { Root, Info } = context.trailerInfo;
  if (Root) pending.push(Root);
  if (Info) pending.push(Info);
  while (pending.length > 0) {
    const object = pending.pop() as PDFObject;
    if (object instanceof PDFRef) {
      if (reachable.has(object)) continue;
      reachable.add(object);
      const target = context.lookup(object);
      if (target) pending.push(target);
    } else if (object instanceof PDFDict) {
      pending.push(...object.values());
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    } else if (object instanceof PDFStream) {
      pending.push(...object.dict.values());
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reachable.has(ref)) context.delete(ref);
  }
}

/**
 * Saves `doc` as one classic file (no object streams: the signature placeholder must be findable as
 * plain text) holding only reachable objects. Fonts and pictures are written into the document
 * first (flush), so one that was embedded but never drawn is dropped as well.
 */
export async function saveReachable(doc: PDFDocument): Promise<Uint8Array> {
  await doc.flush();
  removeUnreachableObjects(doc);
  return doc.save({
    useObjectStreams: false,
    updateFieldAppearances: false,
    addDefaultPage: false,
    objectsPerTick: OBJECTS_PER_TICK,
  });
}
