/** A piece of a message body: plain text, or a link to show as an anchor. */
export type BodySegment = { readonly text: string } | { readonly url: string; readonly text: string };

/**
 * Candidates: http(s) URLs, www. addresses and mailto: links. Anything else (javascript:, data:,
 * file:) stays text, because only these three schemes are ever turned into links.
 */
const CANDIDATE = /\b(?:https?:\/\/|mailto:|www\.)[^\s<>"]+/gi;
/** Punctuation that usually ends the sentence rather than the URL. */
const TRAILING = /[.,;:!?'"\])}]/;
const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

/**
 * Splits a plain-text body into text and links. Pure, and never builds HTML: the template renders
 * each segment with interpolation (text) or as an anchor whose href went through `safeHref`.
 */
export function linkify(body: string): BodySegment[] {
  const segments: BodySegment[] = [];
  let last = 0;
  for (const match of body.matchAll(CANDIDATE)) {
    const start = match.index ?? 0;
    let raw = match[0];
    // Sentence punctuation after a URL is not part of it; a closing bracket is, when the URL opened
    // one (https://en.wikipedia.org/wiki/Mars_(planet)).
    while (raw.length > 0 && TRAILING.test(raw[raw.length - 1])) {
      if (raw.endsWith(')') && count(raw, '(') >= count(raw, ')')) {
        break;
      }
      raw = raw.slice(0, -1);
    }
    const href = safeHref(raw);
    if (!href) {
      continue;
    }
    if (start > last) {
      segments.push({ text: body.slice(last, start) });
    }
    segments.push({ url: href, text: raw });
    last = start + raw.length;
  }
  if (last < body.length) {
    segments.push({ text: body.slice(last) });
  }
  return mergeText(segments);
}

/** The href for a link candidate, or null unless it is http, https or mailto. */
export function safeHref(raw: string): string | null {
  const candidate = /^www\./i.test(raw) ? `https://${raw}` : raw;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (!ALLOWED.has(url.protocol)) {
    return null;
  }
  if (url.protocol === 'mailto:') {
    return url.pathname.includes('@') ? url.href : null;
  }
  return url.hostname ? url.href : null;
}

export function isLink(segment: BodySegment): segment is { url: string; text: string } {
  return 'url' in segment;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function mergeText(segments: BodySegment[]): BodySegment[] {
  const merged: BodySegment[] = [];
  for (const segment of segments) {
    const previous = merged[merged.length - 1];
    if (previous && !isLink(previous) && !isLink(segment)) {
      merged[merged.length - 1] = { text: previous.text + segment.text };
    } else {
      merged.push(segment);
    }
  }
  return merged;
}
