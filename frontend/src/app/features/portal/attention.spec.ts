import { portalAttention } from './attention';

describe('portalAttention', () => {
  it('puts posts waiting for approval first, counted in words', () => {
    const items = portalAttention({ pendingEmail: 'new@acme.test', accounts: [], toReview: 2 });
    expect(items.map((item) => item.id)).toEqual(['review', 'email']);
    expect(items[0]).toMatchObject({ message: '2 posts wait for your approval.', link: '/portal/reviews' });
    expect(portalAttention({ pendingEmail: null, accounts: null, toReview: 1 })[0].message).toBe(
      'A post waits for your approval.',
    );
  });

  it('says nothing about approvals when there is nothing to review or it is not known', () => {
    expect(portalAttention({ pendingEmail: null, accounts: null, toReview: 0 })).toEqual([]);
    expect(portalAttention({ pendingEmail: null, accounts: null, toReview: null })).toEqual([]);
  });
});
