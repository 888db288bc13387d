import type { CallerProfile } from '../../src/core/auth/request-context';

/** The profile a hand-built request context carries in tests that do not read it. */
export const testProfile: CallerProfile = {
  name: 'Test Person',
  email: 'person@example.test',
  timezone: 'UTC',
  emailConfirmed: true,
  pendingEmail: null,
  avatarAssetId: null,
  agencyName: 'Test Agency',
  agencyPlan: 'full',
};
