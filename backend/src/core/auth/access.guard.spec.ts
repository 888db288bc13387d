import { ForbiddenException } from '@nestjs/common';
import { VIEW_AS_READ_ONLY_MESSAGE } from '@atrium/shared';
import { assertAllowed, assertWritable } from './access.guard';
import type { AgencyContext, ClientContext } from './request-context';
import { agencyScope, clientScope } from '../tenancy/tenant-scope';
import { testProfile } from '../../../test/support/caller-profile';

const agencyMember: AgencyContext = {
  audience: 'agency',
  userId: 'u1',
  sessionId: 's1',
  profile: testProfile,
  agencyId: 'a1',
  agencyRole: 'member',
  scope: agencyScope('a1', 'member'),
  ip: null,
  userAgent: null,
};
const clientMember: ClientContext = {
  audience: 'client',
  userId: 'u2',
  sessionId: 's2',
  profile: testProfile,
  agencyId: 'a1',
  client: {
    clientId: 'c1',
    clientName: 'Acme',
    role: 'member',
    permissions: ['calendar.view'],
  },
  memberships: [],
  scope: clientScope('a1', 'c1', ['calendar.view'], 'member'),
  ip: null,
  userAgent: null,
};

describe('assertAllowed', () => {
  it('keeps client users out of agency routes and agency users out of the portal', () => {
    expect(() => assertAllowed({ kind: 'agency', roles: null }, clientMember)).toThrow(ForbiddenException);
    expect(() => assertAllowed({ kind: 'portal', permission: null }, agencyMember)).toThrow(ForbiddenException);
  });

  it('checks the agency role', () => {
    expect(() => assertAllowed({ kind: 'agency', roles: ['owner', 'admin'] }, agencyMember)).toThrow(
      'Your role does not allow this',
    );
    expect(() => assertAllowed({ kind: 'agency', roles: ['member'] }, agencyMember)).not.toThrow();
  });

  it('checks the effective client permission', () => {
    expect(() => assertAllowed({ kind: 'portal', permission: 'calendar.view' }, clientMember)).not.toThrow();
    expect(() => assertAllowed({ kind: 'portal', permission: 'users.manage' }, clientMember)).toThrow(
      ForbiddenException,
    );
  });

  it('lets any signed-in user through a signed-in route', () => {
    expect(() => assertAllowed({ kind: 'any-signed-in' }, clientMember)).not.toThrow();
    expect(() => assertAllowed({ kind: 'any-signed-in' }, agencyMember)).not.toThrow();
  });
});

describe('assertWritable', () => {
  const viewing: ClientContext = { ...clientMember, readOnly: true, viewer: { userId: 'u9', name: 'Ann Agency' } };

  it('lets a read-only ("View as client") context read, and refuses everything else', () => {
    for (const method of ['GET', 'HEAD', 'get']) expect(() => assertWritable(method, viewing)).not.toThrow();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'post']) {
      expect(() => assertWritable(method, viewing)).toThrow(new ForbiddenException(VIEW_AS_READ_ONLY_MESSAGE));
    }
  });

  it('leaves everyone else to their route policy', () => {
    expect(() => assertWritable('POST', clientMember)).not.toThrow();
    expect(() => assertWritable('DELETE', agencyMember)).not.toThrow();
  });
});
