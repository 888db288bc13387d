/**
 * What a tab started before it left for a provider's consent screen, so that `/oauth/callback`
 * knows how to finish and where to go back. Kept in sessionStorage: the provider sends the person
 * back to the same tab, and another tab's connection must not be finished here.
 */
export type PendingConnection =
  | {
      readonly kind: 'agency' | 'portal';
      /** The page to return to, e.g. `/app/accounts`. */
      readonly returnUrl: string;
      readonly state: string | null;
      readonly startedAt: number;
    }
  | {
      readonly kind: 'connect_link';
      readonly token: string;
      /** Secret that ties the round trip to this browser (see ConnectLinkStartResponse). */
      readonly binding: string;
      /** The connect page it started on: `/connect`, or the agency's branded `/a/<slug>/connect`. */
      readonly page: string;
      readonly state: string | null;
      readonly startedAt: number;
    };

/** What a caller hands over; the store adds the OAuth state and the time. */
export type PendingConnectionStart =
  | { readonly kind: 'agency' | 'portal'; readonly returnUrl: string }
  | { readonly kind: 'connect_link'; readonly token: string; readonly binding: string; readonly page: string };

/** A connect page's path on this site: `/connect` or `/a/<slug>/connect`, nothing else. */
export function isConnectPage(path: string): boolean {
  return /^(\/a\/[a-z0-9-]{1,64})?\/connect$/.test(path);
}

export const PENDING_CONNECTION_KEY = 'atrium.pendingConnection';

/** Providers' states live minutes; an entry older than this is a leftover, not a round trip. */
export const PENDING_CONNECTION_MAX_AGE_MS = 60 * 60 * 1000;

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

function defaultStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    // Storage can be unavailable (privacy modes, sandboxed frames).
    return null;
  }
}

/** The `state` parameter of an authorization URL, when it carries one. */
export function stateOf(authorizationUrl: string): string | null {
  try {
    return new URL(authorizationUrl, 'http://localhost').searchParams.get('state');
  } catch {
    return null;
  }
}

/** Remembers the connection that is about to start (replacing any earlier one of this tab). */
export function savePendingConnection(
  start: PendingConnectionStart,
  authorizationUrl: string,
  storage: Storage | null = defaultStorage(),
  now: number = Date.now(),
): void {
  const entry: PendingConnection = { ...start, state: stateOf(authorizationUrl), startedAt: now };
  try {
    storage?.setItem(PENDING_CONNECTION_KEY, JSON.stringify(entry));
  } catch {
    // Without storage the callback still finishes signed-in connections (it just returns home).
  }
}

/**
 * Reads and forgets the pending connection: it is good for one callback only. Returns null when
 * there is none, when it is too old, or when it was started for another OAuth state than the one
 * the provider sent back (a second connection begun in the same tab, or a tampered entry).
 */
export function takePendingConnection(
  state: string | null,
  storage: Storage | null = defaultStorage(),
  now: number = Date.now(),
): PendingConnection | null {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(PENDING_CONNECTION_KEY) ?? null;
    storage?.removeItem(PENDING_CONNECTION_KEY);
  } catch {
    return null;
  }
  const entry = parse(raw);
  if (!entry || now - entry.startedAt > PENDING_CONNECTION_MAX_AGE_MS || entry.startedAt > now + 60_000) {
    return null;
  }
  if (entry.state && state && entry.state !== state) {
    return null;
  }
  return entry;
}

function parse(raw: string | null): PendingConnection | null {
  if (!raw) {
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const candidate = value as Record<string, unknown>;
  const state = typeof candidate['state'] === 'string' ? candidate['state'] : null;
  const startedAt = candidate['startedAt'];
  if (typeof startedAt !== 'number' || !Number.isFinite(startedAt)) {
    return null;
  }
  const kind = candidate['kind'];
  if (kind === 'agency' || kind === 'portal') {
    const returnUrl = candidate['returnUrl'];
    return typeof returnUrl === 'string' ? { kind, returnUrl, state, startedAt } : null;
  }
  if (kind === 'connect_link') {
    const { token, binding, page } = candidate;
    // An entry from before the branded page (or a tampered one) returns to the plain page.
    const connectPage = typeof page === 'string' && isConnectPage(page) ? page : '/connect';
    return typeof token === 'string' && token && typeof binding === 'string' && binding
      ? { kind, token, binding, page: connectPage, state, startedAt }
      : null;
  }
  return null;
}
