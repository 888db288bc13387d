import { effectiveClientPermissions } from './permissions';

describe('effectiveClientPermissions', () => {
  it('gives an admin every permission the client allows, and nothing more', () => {
    expect(effectiveClientPermissions(['calendar.view', 'users.manage'], 'admin')).toEqual([
      'calendar.view',
      'users.manage',
    ]);
  });

  it('never gives a member the admin-only permissions', () => {
    expect(
      effectiveClientPermissions(['calendar.view', 'users.manage', 'billing.manage', 'media.upload'], 'member'),
    ).toEqual(['calendar.view', 'media.upload']);
  });
});
