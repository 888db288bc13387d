import { randomBytes } from 'node:crypto';

/** Slugs the installation keeps for itself (its own paths and words that would mislead clients). */
const RESERVED = new Set(['a', 'api', 'app', 'portal', 'admin', 'login', 'dev', 'www', 'atrium', 'static', 'assets']);

/** A sign-in address slug: 3–63 lower-case letters, digits and single dashes, not reserved. */
export function isValidSlug(slug: string): boolean {
  return /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/.test(slug) && !RESERVED.has(slug);
}

/** The slug a name suggests (accents dropped, other characters become dashes), or null if none. */
export function slugFromName(name: string): string | null {
  const base = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return isValidSlug(base) ? base : null;
}

/** A slug for a name with a random suffix, for when the plain one is taken (or there is none). */
export function suffixedSlug(name: string): string {
  return `${slugFromName(name) ?? 'agency'}-${randomBytes(3).toString('hex')}`;
}
