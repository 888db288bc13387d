import type { PdfJsModule } from './pdfjs-loader';

/**
 * For component tests (jsdom has no canvas, and pdf.js is not loaded there): a stand-in for the
 * few calls the viewer makes, answering with pages of the given sizes (points), or failing as
 * pdf.js does. Nothing is drawn: jsdom gives the viewer no width, so it never starts a render.
 */
export interface PdfJsStandIn {
  loader: () => Promise<PdfJsModule>;
  /** The `data` each getDocument call received. */
  received: Uint8Array[];
  destroyed: number;
}

export function pdfJsStandIn(outcome: { width: number; height: number }[] | Error): PdfJsStandIn {
  const standIn: PdfJsStandIn = { loader: () => Promise.resolve(module), received: [], destroyed: 0 };
  const page = (size: { width: number; height: number }) => ({
    getViewport: ({ scale }: { scale: number }) => ({ width: size.width * scale, height: size.height * scale }),
    getTextContent: () => Promise.resolve({ items: [{ str: 'Terms of service', hasEOL: false }] }),
  });
  const document = Array.isArray(outcome)
    ? { numPages: outcome.length, getPage: (n: number) => Promise.resolve(page(outcome[n - 1])) }
    : null;
  const module = {
    getDocument: ({ data }: { data: Uint8Array }) => {
      standIn.received.push(data);
      return {
        promise: document ? Promise.resolve(document) : Promise.reject(outcome),
        destroy: () => {
          standIn.destroyed++;
          return Promise.resolve();
        },
      };
    },
  } as unknown as PdfJsModule;
  return standIn;
}

/** An error named like pdf.js's. */
export function pdfJsError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
