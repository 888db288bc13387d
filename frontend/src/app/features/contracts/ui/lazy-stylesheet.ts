/**
 * Adds `<link rel="stylesheet">` for a stylesheet built apart (an `inject: false` styles bundle in
 * project.json) once per document, and tells when it has loaded. Later calls share the first
 * call's promise; a failed load is forgotten so that the next call tries again.
 */
const loading = new WeakMap<Document, Map<string, Promise<void>>>();

export function loadStylesheet(doc: Document, href: string): Promise<void> {
  const url = new URL(href, doc.baseURI).href;
  let byUrl = loading.get(doc);
  if (!byUrl) {
    byUrl = new Map();
    loading.set(doc, byUrl);
  }
  const known = byUrl.get(url);
  if (known) {
    return known;
  }
  const links = byUrl;
  const promise = new Promise<void>((resolve, reject) => {
    const link = doc.createElement('link');
    link.rel = 'stylesheet';
    link.href = url;
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener(
      'error',
      () => {
        link.remove();
        links.delete(url);
        reject(new Error(`The stylesheet ${href} could not be loaded.`));
      },
      { once: true },
    );
    doc.head.appendChild(link);
  });
  byUrl.set(url, promise);
  return promise;
}
