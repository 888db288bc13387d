import {
  PENDING_CONNECTION_KEY,
  PENDING_CONNECTION_MAX_AGE_MS,
  savePendingConnection,
  stateOf,
  takePendingConnection,
} from './pending-connection';

const AUTHORIZE = 'https://provider.test/oauth/authorize?client_id=atrium&state=st-1&code_challenge=x';

describe('pending connection store', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');

  beforeEach(() => sessionStorage.clear());

  it('gives back what was started, once', () => {
    savePendingConnection({ kind: 'agency', returnUrl: '/app/accounts' }, AUTHORIZE, sessionStorage, now);

    expect(takePendingConnection('st-1', sessionStorage, now + 5000)).toEqual({
      kind: 'agency',
      returnUrl: '/app/accounts',
      state: 'st-1',
      startedAt: now,
    });
    expect(sessionStorage.getItem(PENDING_CONNECTION_KEY)).toBeNull();
    expect(takePendingConnection('st-1', sessionStorage, now + 6000)).toBeNull();
  });

  it('keeps the token, the binding and the page of a connect link', () => {
    savePendingConnection(
      { kind: 'connect_link', token: 'tok', binding: 'bind', page: '/a/acme-studio/connect' },
      AUTHORIZE,
      sessionStorage,
      now,
    );
    expect(takePendingConnection('st-1', sessionStorage, now)).toMatchObject({
      kind: 'connect_link',
      token: 'tok',
      binding: 'bind',
      page: '/a/acme-studio/connect',
    });
  });

  it('sends a connect link back to the plain page when its page is not a connect page', () => {
    for (const page of ['//evil.example/connect', '/app/clients', 'https://evil.example/connect', 42]) {
      sessionStorage.setItem(
        PENDING_CONNECTION_KEY,
        JSON.stringify({ kind: 'connect_link', token: 'tok', binding: 'bind', page, startedAt: now }),
      );
      expect(takePendingConnection(null, sessionStorage, now)).toMatchObject({ page: '/connect' });
    }
  });

  it('ignores, and forgets, an entry made for another OAuth state', () => {
    savePendingConnection({ kind: 'portal', returnUrl: '/portal/accounts' }, AUTHORIZE, sessionStorage, now);
    expect(takePendingConnection('st-other', sessionStorage, now)).toBeNull();
    expect(sessionStorage.getItem(PENDING_CONNECTION_KEY)).toBeNull();
  });

  it('accepts an entry whose authorization URL had no state', () => {
    savePendingConnection({ kind: 'portal', returnUrl: '/portal/accounts' }, '/authorize', sessionStorage, now);
    expect(takePendingConnection('st-1', sessionStorage, now)?.kind).toBe('portal');
  });

  it('drops a leftover from long ago', () => {
    savePendingConnection({ kind: 'agency', returnUrl: '/app/accounts' }, AUTHORIZE, sessionStorage, now);
    expect(takePendingConnection('st-1', sessionStorage, now + PENDING_CONNECTION_MAX_AGE_MS + 1)).toBeNull();
  });

  it('treats garbage and half entries as nothing', () => {
    for (const raw of [
      'not json',
      'null',
      JSON.stringify({ kind: 'agency', startedAt: now }),
      JSON.stringify({ kind: 'connect_link', token: 'tok', startedAt: now }),
      JSON.stringify({ kind: 'admin', returnUrl: '/x', startedAt: now }),
    ]) {
      sessionStorage.setItem(PENDING_CONNECTION_KEY, raw);
      expect(takePendingConnection(null, sessionStorage, now)).toBeNull();
    }
  });

  it('survives a browser without storage', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => undefined,
    };
    expect(() => savePendingConnection({ kind: 'agency', returnUrl: '/app' }, AUTHORIZE, broken, now)).not.toThrow();
    expect(takePendingConnection('st-1', broken, now)).toBeNull();
  });

  it('reads the state from absolute and relative authorization URLs', () => {
    expect(stateOf(AUTHORIZE)).toBe('st-1');
    expect(stateOf('/api/v1/dev-oauth/authorize?state=abc')).toBe('abc');
    expect(stateOf('https://provider.test/authorize')).toBeNull();
  });
});
