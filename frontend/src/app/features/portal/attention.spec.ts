import { WEB_PATHS } from '@atrium/shared';
import { portalAttention } from './attention';

describe('portalAttention', () => {
  it('is empty when nothing needs doing', () => {
    expect(portalAttention({ pendingEmail: null, accounts: null })).toEqual([]);
    expect(portalAttention({ pendingEmail: null, accounts: [{ displayName: 'Acme', health: 'connected' }] })).toEqual(
      [],
    );
  });

  it('lists broken accounts first, then expiring ones, then a pending email change', () => {
    const items = portalAttention({
      pendingEmail: 'new@acme.test',
      accounts: [
        { displayName: 'Acme X', health: 'expiring' },
        { displayName: 'Acme Insta', health: 'needs_reconnect' },
        { displayName: 'Acme Local', health: 'connected' },
      ],
    });
    expect(items.map((item) => item.id)).toEqual(['reconnect', 'expiring', 'email']);
    expect(items[0]).toMatchObject({ kind: 'error', link: WEB_PATHS.portalAccounts });
    expect(items[0].message).toBe('Acme Insta needs reconnecting: posts to it cannot go out until then.');
    expect(items[1].message).toContain('Acme X');
    expect(items[2]).toMatchObject({ link: WEB_PATHS.portalSettings });
    expect(items[2].message).toBe('We sent a link to new@acme.test; your email changes when you open it.');
  });

  it('names several accounts in one line', () => {
    const [item] = portalAttention({
      pendingEmail: null,
      accounts: [
        { displayName: 'A', health: 'needs_reconnect' },
        { displayName: 'B', health: 'needs_reconnect' },
      ],
    });
    expect(item.message).toBe('A and B need reconnecting: posts to them cannot go out until then.');
  });
});
