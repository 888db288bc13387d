import { CLIENT_PERMISSIONS, effectiveClientPermissions, isClientPermission } from './permissions';

describe('effectiveClientPermissions', () => {
  it('gives an admin every permission the client allows, and nothing more', () => {
    expect(effectiveClientPermissions(['calendar.view', 'users.manage'], 'admin')).toEqual([
      'calendar.view',
      'users.manage',
    ]);
  });

  it('never gives a member the admin-only permissions', () => {
    expect(effectiveClientPermissions(['calendar.view', 'users.manage', 'media.upload'], 'member')).toEqual([
      'calendar.view',
      'media.upload',
    ]);
  });

  it('never lets a member manage billing, even when the client allows it (seed 002)', () => {
    expect(effectiveClientPermissions(['billing.manage', 'messages.use'], 'member')).toEqual(['messages.use']);
    expect(effectiveClientPermissions(['billing.manage'], 'admin')).toEqual(['billing.manage']);
  });
});

describe('CLIENT_PERMISSIONS', () => {
  it('offers only areas that are built (nothing that would lead to a "coming soon")', () => {
    expect([...CLIENT_PERMISSIONS]).toEqual([
      'calendar.view',
      'media.upload',
      'accounts.manage',
      'users.manage',
      'posts.approve',
      'contracts.sign',
      'messages.use',
      'billing.manage',
    ]);
    expect(isClientPermission('contracts.sign')).toBe(true);
    expect(isClientPermission('billing.manage')).toBe(true);
    expect(isClientPermission('courses.view')).toBe(false);
    expect(isClientPermission('users.manage')).toBe(true);
  });
});
