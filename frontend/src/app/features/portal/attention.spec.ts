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

describe('portalAttention, contracts', () => {
  const contract = (index: number) => ({ id: `c-${index}`, title: `Contract ${index}` });

  it('lists each contract waiting for a signature, linking to it, after the posts to approve', () => {
    const items = portalAttention({ pendingEmail: null, accounts: null, toReview: 1, toSign: [contract(1)] });
    expect(items.map((item) => item.id)).toEqual(['review', 'contract-c-1']);
    expect(items[1]).toEqual({
      id: 'contract-c-1',
      kind: 'info',
      message: '“Contract 1” waits for your signature.',
      action: 'Open contract',
      actionLabel: 'Open contract “Contract 1”',
      link: '/portal/contracts/c-1',
    });
  });

  it('counts the rest in one line when many wait', () => {
    const items = portalAttention({
      pendingEmail: null,
      accounts: null,
      toSign: [1, 2, 3, 4, 5].map(contract),
    });
    expect(items.map((item) => item.id)).toEqual(['contract-c-1', 'contract-c-2', 'contract-c-3', 'contracts-more']);
    expect(items[3]).toMatchObject({ message: '2 more contracts wait for your signature.', link: '/portal/contracts' });
  });

  it('says nothing about contracts when none wait or it is not known', () => {
    expect(portalAttention({ pendingEmail: null, accounts: null, toSign: [] })).toEqual([]);
    expect(portalAttention({ pendingEmail: null, accounts: null, toSign: null })).toEqual([]);
  });
});

describe('portalAttention, messages', () => {
  it('points to unread messages, counted in words, and says nothing when all are read', () => {
    const items = portalAttention({ pendingEmail: null, accounts: null, unreadMessages: 3 });
    expect(items).toEqual([
      expect.objectContaining({ id: 'messages', message: 'You have 3 unread messages.', link: '/portal/messages' }),
    ]);
    expect(portalAttention({ pendingEmail: null, accounts: null, unreadMessages: 1 })[0].message).toBe(
      'You have an unread message.',
    );
    expect(portalAttention({ pendingEmail: null, accounts: null, unreadMessages: 0 })).toEqual([]);
    expect(portalAttention({ pendingEmail: null, accounts: null, unreadMessages: null })).toEqual([]);
  });
});

describe('portalAttention, invoices', () => {
  const base = { pendingEmail: null, accounts: null };

  it('points to Billing when invoices wait for payment, saying how many are overdue', () => {
    expect(portalAttention({ ...base, invoicesToPay: { open: 1, overdue: 0 } })).toEqual([
      expect.objectContaining({
        id: 'invoices',
        kind: 'info',
        message: 'An invoice waits for payment.',
        link: '/portal/billing',
      }),
    ]);
    expect(portalAttention({ ...base, invoicesToPay: { open: 3, overdue: 1 } })[0]).toEqual(
      expect.objectContaining({ kind: 'warning', message: '3 invoices wait for payment. 1 of them is overdue.' }),
    );
    expect(portalAttention({ ...base, invoicesToPay: { open: 2, overdue: 2 } })[0].message).toBe(
      '2 invoices wait for payment. They are overdue.',
    );
  });

  it('says nothing when all is paid or the person has no Billing page', () => {
    expect(portalAttention({ ...base, invoicesToPay: { open: 0, overdue: 0 } })).toEqual([]);
    expect(portalAttention({ ...base, invoicesToPay: null })).toEqual([]);
  });
});
