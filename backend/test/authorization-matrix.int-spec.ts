import { randomBytes } from 'node:crypto';
import { listRoutes } from '../src/core/auth/route-inventory';
import { Agency } from '../src/core/tenancy/entities/agency.entity';
import { CustomDomain } from '../src/modules/domains/entities/custom-domain.entity';
import { uniqueEmail } from './support/factories';
import { Actor, ACTORS, MatrixWorld } from './support/matrix-world';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Every route × every actor, with the answer each must get. Foreign ids answer 404 exactly like
 * unknown ids. A route missing from this table fails the suite: new routes must be added here.
 */
type Outcome = 200 | 201 | 204 | 400 | 401 | 403 | 404 | 415;
type Request = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: object;
  /** A token of the actor's own for this request only (one the request ends, like an operator's sign-out). */
  bearer?: string;
};
interface Entry {
  /**
   * Builds the request; called once per actor (named, for targets only their author may change)
   * so each gets fresh targets.
   */
  request: (w: MatrixWorld, actor?: Actor) => Promise<Request>;
  expect: Record<Actor, Outcome>;
}

/** An operator's token has its own audience: no agency, portal or signed-in route accepts it. */
const signedOut = { operator: 401, removedUser: 401, expiredToken: 401, anonymous: 401 } as const;

/** The admin API: platform operators only; users' tokens are refused (403) whatever their role. */
const operatorRoute = (ok: Outcome): Record<Actor, Outcome> => ({
  agencyOwner: 403,
  agencyAdmin: 403,
  agencyMember: 403,
  clientAdmin: 403,
  clientMember: 403,
  otherAgency: 403,
  otherClient: 403,
  operator: ok,
  removedUser: 401,
  expiredToken: 401,
  anonymous: 401,
});

/** Agency routes on agency A's data: agency B's owner gets 404, as for an unknown id. */
const agencyRoute = (ok: Outcome, roles: 'any' | 'owner-admin' = 'any'): Record<Actor, Outcome> => ({
  agencyOwner: ok,
  agencyAdmin: ok,
  agencyMember: roles === 'any' ? ok : 403,
  clientAdmin: 403,
  clientMember: 403,
  otherClient: 403,
  otherAgency: 404,
  ...signedOut,
});

/** Agency routes without ids: agency B acts on its own data (lists are checked for leaks below). */
const agencyCollection = (ok: Outcome, roles: 'any' | 'owner-admin' = 'any'): Record<Actor, Outcome> => ({
  ...agencyRoute(ok, roles),
  otherAgency: ok,
});

/** Portal routes needing users.manage, on client A1's people: a client admin of A2 gets 404. */
const portalTeamRoute = (ok: Outcome, otherClient: Outcome = 404): Record<Actor, Outcome> => ({
  agencyOwner: 403,
  agencyAdmin: 403,
  agencyMember: 403,
  clientAdmin: ok,
  clientMember: 403,
  otherClient,
  otherAgency: 403,
  ...signedOut,
});

/** Portal routes needing a permission every matrix client has: each client user acts on their own client. */
const portalRoute = (ok: Outcome, otherClient: Outcome = ok): Record<Actor, Outcome> => ({
  agencyOwner: 403,
  agencyAdmin: 403,
  agencyMember: 403,
  clientAdmin: ok,
  clientMember: ok,
  otherClient,
  otherAgency: 403,
  ...signedOut,
});

const anySignedIn = (ok: Outcome): Record<Actor, Outcome> => ({
  agencyOwner: ok,
  agencyAdmin: ok,
  agencyMember: ok,
  clientAdmin: ok,
  clientMember: ok,
  otherAgency: ok,
  otherClient: ok,
  ...signedOut,
});

/** A 1×1 PNG, as a signature picture. */
const MATRIX_SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const get = (path: string) => async (): Promise<Request> => ({ method: 'GET', path });

const MATRIX_BILLING_SETTINGS = {
  numberPrefix: 'MX-',
  defaultCurrency: 'USD',
  defaultPaymentTermsDays: 14,
  defaultNotes: '',
  defaultTerms: '',
  remindDaysBefore: [3],
  remindDaysAfter: [1, 7],
};
const MATRIX_BILLING_PROFILE = {
  legalName: 'Matrix Ltd',
  email: '',
  address: { line1: '', line2: '', city: '', postalCode: '', region: '', country: '' },
  taxId: '',
  currency: 'USD',
  paymentTermsDays: 14,
};
const matrixInvoice = (clientId: string) => ({
  clientId,
  currency: 'USD',
  issueDate: '2026-12-01',
  dueDate: '2026-12-15',
  lines: [{ description: 'Matrix work', quantity: 1, unitPrice: 10000, taxRate: 8.875 }],
  discount: { kind: 'none', value: 0 },
  notes: '',
  terms: '',
});
const matrixRecurring = (clientId: string) => ({
  clientId,
  interval: 'month',
  startsOn: new Date(Date.now() + 40 * 86400_000).toISOString().slice(0, 10),
  endsOn: null,
  currency: 'USD',
  lines: [{ description: 'Matrix retainer', quantity: 1, unitPrice: 10000, taxRate: 0 }],
  discount: { kind: 'none', value: 0 },
  notes: '',
  terms: '',
  dueInDays: 14,
});

/** Who writes the message an actor then edits or deletes: their own when they may write one. */
const clientAuthor = (actor: Actor = 'clientAdmin') =>
  actor === 'clientAdmin' || actor === 'clientMember' ? actor : 'clientAdmin';
const agencyAuthor = (actor: Actor = 'agencyOwner') =>
  actor === 'agencyOwner' || actor === 'agencyAdmin' || actor === 'agencyMember' ? actor : 'agencyOwner';
const week = () => {
  const from = new Date(Date.now() - 3 * 86400_000);
  return `from=${from.toISOString()}&to=${new Date(from.getTime() + 7 * 86400_000).toISOString()}`;
};

export const MATRIX: Record<string, Entry> = {
  'GET /api/v1/me': {
    request: get('/api/v1/me'),
    expect: {
      agencyOwner: 200,
      agencyAdmin: 200,
      agencyMember: 200,
      clientAdmin: 200,
      clientMember: 200,
      otherAgency: 200,
      otherClient: 200,
      ...signedOut,
    },
  },
  // Two-factor settings: each person's own (two-factor.int-spec); invalid bodies here, so nothing is turned on or off.
  'GET /api/v1/me/two-factor': { request: get('/api/v1/me/two-factor'), expect: anySignedIn(200) },
  'POST /api/v1/me/two-factor/setup': {
    request: async () => ({ method: 'POST', path: '/api/v1/me/two-factor/setup' }),
    expect: anySignedIn(200),
  },
  'POST /api/v1/me/two-factor/enable': {
    request: async () => ({ method: 'POST', path: '/api/v1/me/two-factor/enable', body: {} }),
    expect: anySignedIn(400),
  },
  'POST /api/v1/me/two-factor/disable': {
    request: async () => ({ method: 'POST', path: '/api/v1/me/two-factor/disable', body: {} }),
    expect: anySignedIn(400),
  },
  'POST /api/v1/me/two-factor/recovery-codes': {
    request: async () => ({ method: 'POST', path: '/api/v1/me/two-factor/recovery-codes', body: {} }),
    expect: anySignedIn(400),
  },
  'GET /api/v1/agency/security': { request: get('/api/v1/agency/security'), expect: agencyCollection(200) },
  // Owner only; each agency's owner sets its own (left off, so the matrix's sign-ins stay one step).
  'PUT /api/v1/agency/security': {
    request: async () => ({
      method: 'PUT',
      path: '/api/v1/agency/security',
      body: { requireTwoFactorForTeam: false, requireTwoFactorForClients: false },
    }),
    expect: { ...agencyCollection(200), agencyAdmin: 403, agencyMember: 403 },
  },
  // The platform admin API (platform-admin-*.int-spec): each change on a fresh agency of its own.
  'POST /api/v1/admin/auth/logout': {
    request: async (w, actor) => ({
      method: 'POST',
      path: '/api/v1/admin/auth/logout',
      ...(actor === 'operator' ? { bearer: await w.freshOperatorToken() } : {}),
    }),
    expect: operatorRoute(204),
  },
  'GET /api/v1/admin/agencies': { request: get('/api/v1/admin/agencies'), expect: operatorRoute(200) },
  'GET /api/v1/admin/agencies/:id': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/admin/agencies/${w.agencyA.id}` }),
    expect: operatorRoute(200),
  },
  'PUT /api/v1/admin/agencies/:id/plan': {
    request: async (w) => ({
      method: 'PUT',
      path: `/api/v1/admin/agencies/${w.agencyB.id}/plan`,
      body: { plan: 'full' },
    }),
    expect: operatorRoute(200),
  },
  'POST /api/v1/admin/agencies/:id/suspend': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/admin/agencies/${(await w.factory.agency()).id}/suspend`,
      body: { reason: 'Matrix' },
    }),
    expect: operatorRoute(200),
  },
  'POST /api/v1/admin/agencies/:id/restore': {
    request: async (w) => {
      const agency = await w.factory.agency();
      await w.t.db.getRepository(Agency).update({ id: agency.id }, { status: 'suspended', suspendedAt: new Date() });
      return { method: 'POST', path: `/api/v1/admin/agencies/${agency.id}/restore` };
    },
    expect: operatorRoute(200),
  },
  // Export and deletion (platform-admin-data.int-spec), each on a fresh agency of its own.
  'GET /api/v1/admin/agencies/:id/export': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/admin/agencies/${(await w.factory.agency()).id}/export` }),
    expect: operatorRoute(200),
  },
  'DELETE /api/v1/admin/agencies/:id': {
    request: async (w) => {
      const agency = await w.factory.agency();
      return { method: 'DELETE', path: `/api/v1/admin/agencies/${agency.id}`, body: { confirm: agency.slug } };
    },
    expect: operatorRoute(200),
  },
  // Queues, outbox and audit search (platform-admin-queues/-audit.int-spec); no failed job or email
  // here, so the one-id routes answer an operator 404.
  'GET /api/v1/admin/queues': { request: get('/api/v1/admin/queues'), expect: operatorRoute(200) },
  'GET /api/v1/admin/queues/:name/failed': {
    request: get('/api/v1/admin/queues/media.thumbnail/failed'),
    expect: operatorRoute(200),
  },
  'POST /api/v1/admin/queues/:name/failed/retry': {
    request: async () => ({ method: 'POST', path: '/api/v1/admin/queues/media.thumbnail/failed/retry' }),
    expect: operatorRoute(200),
  },
  'POST /api/v1/admin/queues/:name/failed/:jobId/retry': {
    request: async () => ({ method: 'POST', path: '/api/v1/admin/queues/media.thumbnail/failed/1/retry' }),
    expect: operatorRoute(404),
  },
  'DELETE /api/v1/admin/queues/:name/failed': {
    request: async () => ({ method: 'DELETE', path: '/api/v1/admin/queues/media.thumbnail/failed' }),
    expect: operatorRoute(200),
  },
  'DELETE /api/v1/admin/queues/:name/failed/:jobId': {
    request: async () => ({ method: 'DELETE', path: '/api/v1/admin/queues/media.thumbnail/failed/1' }),
    expect: operatorRoute(404),
  },
  'GET /api/v1/admin/outbox': { request: get('/api/v1/admin/outbox'), expect: operatorRoute(200) },
  'GET /api/v1/admin/outbox/failed': { request: get('/api/v1/admin/outbox/failed'), expect: operatorRoute(200) },
  'POST /api/v1/admin/outbox/failed/retry': {
    request: async () => ({ method: 'POST', path: '/api/v1/admin/outbox/failed/retry' }),
    expect: operatorRoute(200),
  },
  'POST /api/v1/admin/outbox/failed/:id/retry': {
    request: async () => ({
      method: 'POST',
      path: '/api/v1/admin/outbox/failed/00000000-0000-4000-8000-000000000000/retry',
    }),
    expect: operatorRoute(404),
  },
  'GET /api/v1/admin/audit': { request: get('/api/v1/admin/audit'), expect: operatorRoute(200) },
  'GET /api/v1/agency/overview': { request: get('/api/v1/agency/overview'), expect: agencyCollection(200) },
  'GET /api/v1/agency/dashboard': { request: get('/api/v1/agency/dashboard'), expect: agencyCollection(200) },
  'GET /api/v1/clients': { request: get('/api/v1/clients'), expect: agencyCollection(200) },
  'POST /api/v1/clients': {
    request: async () => ({ method: 'POST', path: '/api/v1/clients', body: { name: 'Matrix client' } }),
    expect: agencyCollection(201),
  },
  'GET /api/v1/clients/:clientId': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/clients/${w.clientA1.id}` }),
    expect: agencyRoute(200),
  },
  'PATCH /api/v1/clients/:clientId': {
    request: async (w) => ({
      method: 'PATCH',
      path: `/api/v1/clients/${(await w.freshClient()).id}`,
      body: { name: 'Renamed' },
    }),
    expect: agencyRoute(200),
  },
  'DELETE /api/v1/clients/:clientId': {
    request: async (w) => ({ method: 'DELETE', path: `/api/v1/clients/${(await w.freshClient()).id}` }),
    expect: agencyRoute(204),
  },
  'GET /api/v1/clients/:clientId/users': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/clients/${w.clientA1.id}/users` }),
    expect: agencyRoute(200),
  },
  'POST /api/v1/clients/:clientId/invitations': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/clients/${w.clientA1.id}/invitations`,
      body: { name: 'New', email: uniqueEmail('m'), role: 'member' },
    }),
    expect: agencyRoute(201),
  },
  'POST /api/v1/clients/:clientId/invitations/:invitationId/resend': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/clients/${w.clientA1.id}/invitations/${(await w.freshInvitation(w.clientA1.id)).id}/resend`,
    }),
    expect: agencyRoute(200),
  },
  'DELETE /api/v1/clients/:clientId/invitations/:invitationId': {
    request: async (w) => ({
      method: 'DELETE',
      path: `/api/v1/clients/${w.clientA1.id}/invitations/${(await w.freshInvitation(w.clientA1.id)).id}`,
    }),
    expect: agencyRoute(204),
  },
  'PATCH /api/v1/clients/:clientId/users/:userId': {
    request: async (w) => ({
      method: 'PATCH',
      path: `/api/v1/clients/${w.clientA1.id}/users/${(await w.freshClientUser()).id}`,
      body: { role: 'admin' },
    }),
    expect: agencyRoute(200),
  },
  'DELETE /api/v1/clients/:clientId/users/:userId': {
    request: async (w) => ({
      method: 'DELETE',
      path: `/api/v1/clients/${w.clientA1.id}/users/${(await w.freshClientUser()).id}`,
    }),
    expect: agencyRoute(204),
  },
  'POST /api/v1/clients/:clientId/users/bulk-remove': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/clients/${w.clientA1.id}/users/bulk-remove`,
      body: { userIds: [(await w.freshClientUser()).id] },
    }),
    expect: agencyRoute(200),
  },
  // View as client: agency B's owner gets 404 (not their client), like an unknown client.
  'POST /api/v1/clients/:clientId/view-as': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/clients/${w.clientA1.id}/view-as`,
      body: { userId: (await w.freshClientUser()).id },
    }),
    expect: agencyRoute(201),
  },
  'POST /api/v1/client-users/:userId/magic-link': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/client-users/${(await w.freshClientUser()).id}/magic-link`,
    }),
    expect: agencyRoute(200, 'owner-admin'),
  },
  'DELETE /api/v1/client-users/:userId/magic-links': {
    request: async (w) => ({
      method: 'DELETE',
      path: `/api/v1/client-users/${(await w.freshClientUser()).id}/magic-links`,
    }),
    expect: agencyRoute(204),
  },
  // Bulk login emails name ids in the body: agency B's owner gets 200 with every id skipped (checked below).
  'POST /api/v1/client-users/login-emails': {
    request: async (w) => ({
      method: 'POST',
      path: '/api/v1/client-users/login-emails',
      body: { userIds: [(await w.freshClientUser()).id] },
    }),
    expect: agencyCollection(200),
  },
  'GET /api/v1/team': { request: get('/api/v1/team'), expect: agencyCollection(200, 'owner-admin') },
  'POST /api/v1/team/invitations': {
    request: async () => ({
      method: 'POST',
      path: '/api/v1/team/invitations',
      body: { name: 'T', email: uniqueEmail('team'), role: 'member' },
    }),
    expect: agencyCollection(201, 'owner-admin'),
  },
  'POST /api/v1/team/invitations/:invitationId/resend': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/team/invitations/${(await w.freshInvitation(null)).id}/resend`,
    }),
    expect: agencyRoute(200, 'owner-admin'),
  },
  'DELETE /api/v1/team/invitations/:invitationId': {
    request: async (w) => ({
      method: 'DELETE',
      path: `/api/v1/team/invitations/${(await w.freshInvitation(null)).id}`,
    }),
    expect: agencyRoute(204, 'owner-admin'),
  },
  'PATCH /api/v1/team/:userId': {
    request: async (w) => ({
      method: 'PATCH',
      path: `/api/v1/team/${(await w.freshTeamMember()).id}`,
      body: { role: 'admin' },
    }),
    expect: agencyRoute(200, 'owner-admin'),
  },
  'DELETE /api/v1/team/:userId': {
    request: async (w) => ({ method: 'DELETE', path: `/api/v1/team/${(await w.freshTeamMember()).id}` }),
    expect: agencyRoute(204, 'owner-admin'),
  },
  'GET /api/v1/portal/overview': {
    request: get('/api/v1/portal/overview'),
    expect: {
      agencyOwner: 403,
      agencyAdmin: 403,
      agencyMember: 403,
      clientAdmin: 200,
      clientMember: 200,
      otherClient: 200,
      otherAgency: 403,
      ...signedOut,
    },
  },
  'GET /api/v1/portal/team': { request: get('/api/v1/portal/team'), expect: portalTeamRoute(200, 200) },
  'POST /api/v1/portal/team/invitations': {
    request: async () => ({
      method: 'POST',
      path: '/api/v1/portal/team/invitations',
      body: { name: 'P', email: uniqueEmail('portal'), role: 'member' },
    }),
    expect: portalTeamRoute(201, 201),
  },
  'POST /api/v1/portal/team/invitations/:invitationId/resend': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/portal/team/invitations/${(await w.freshInvitation(w.clientA1.id)).id}/resend`,
    }),
    expect: portalTeamRoute(200),
  },
  'DELETE /api/v1/portal/team/invitations/:invitationId': {
    request: async (w) => ({
      method: 'DELETE',
      path: `/api/v1/portal/team/invitations/${(await w.freshInvitation(w.clientA1.id)).id}`,
    }),
    expect: portalTeamRoute(204),
  },
  'PATCH /api/v1/portal/team/:userId': {
    request: async (w) => ({
      method: 'PATCH',
      path: `/api/v1/portal/team/${(await w.freshClientUser()).id}`,
      body: { role: 'admin' },
    }),
    expect: portalTeamRoute(200),
  },
  'DELETE /api/v1/portal/team/:userId': {
    request: async (w) => ({ method: 'DELETE', path: `/api/v1/portal/team/${(await w.freshClientUser()).id}` }),
    expect: portalTeamRoute(204),
  },
  'GET /api/v1/social/providers': { request: get('/api/v1/social/providers'), expect: anySignedIn(200) },
  'GET /api/v1/social-accounts': { request: get('/api/v1/social-accounts'), expect: agencyCollection(200) },
  'POST /api/v1/social-accounts/connect': {
    request: async () => ({ method: 'POST', path: '/api/v1/social-accounts/connect', body: { provider: 'local' } }),
    expect: agencyCollection(201),
  },
  // A state nobody started: every signed-in caller gets the same 400, nobody learns anything.
  'POST /api/v1/social-accounts/oauth/complete': {
    request: async () => ({
      method: 'POST',
      path: '/api/v1/social-accounts/oauth/complete',
      body: { state: randomBytes(32).toString('base64url'), code: 'x' },
    }),
    expect: anySignedIn(400),
  },
  // A hand-back code nobody was given: the same 400 for every signed-in caller.
  'POST /api/v1/social-accounts/oauth/complete-handback': {
    request: async () => ({
      method: 'POST',
      path: '/api/v1/social-accounts/oauth/complete-handback',
      body: { code: randomBytes(32).toString('base64url') },
    }),
    expect: anySignedIn(400),
  },
  'PATCH /api/v1/social-accounts/:accountId': {
    request: async (w) => ({
      method: 'PATCH',
      path: `/api/v1/social-accounts/${(await w.freshAccount()).id}`,
      body: { clientId: w.clientA2.id },
    }),
    expect: agencyRoute(200),
  },
  'DELETE /api/v1/social-accounts/:accountId': {
    request: async (w) => ({ method: 'DELETE', path: `/api/v1/social-accounts/${(await w.freshAccount()).id}` }),
    expect: agencyRoute(204),
  },
  'GET /api/v1/clients/:clientId/connect-links': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/clients/${w.clientA1.id}/connect-links` }),
    expect: agencyRoute(200),
  },
  'POST /api/v1/clients/:clientId/connect-links': {
    request: async (w) => ({ method: 'POST', path: `/api/v1/clients/${w.clientA1.id}/connect-links`, body: {} }),
    expect: agencyRoute(201),
  },
  'DELETE /api/v1/connect-links/:linkId': {
    request: async (w) => ({ method: 'DELETE', path: `/api/v1/connect-links/${(await w.freshConnectLink()).id}` }),
    expect: agencyRoute(204),
  },
  'GET /api/v1/portal/accounts': { request: get('/api/v1/portal/accounts'), expect: portalRoute(200) },
  'POST /api/v1/portal/accounts/connect': {
    request: async () => ({ method: 'POST', path: '/api/v1/portal/accounts/connect', body: { provider: 'local' } }),
    expect: portalRoute(201),
  },
  'DELETE /api/v1/portal/accounts/:accountId': {
    request: async (w) => ({ method: 'DELETE', path: `/api/v1/portal/accounts/${(await w.freshAccount()).id}` }),
    expect: portalRoute(204, 404),
  },
  'GET /api/v1/posts': { request: get('/api/v1/posts?status=draft'), expect: agencyCollection(200) },
  'POST /api/v1/posts': {
    request: async (w) => ({
      method: 'POST',
      path: '/api/v1/posts',
      body: { clientId: w.clientA1.id, text: 'Matrix', accountIds: [(await w.freshAccount()).id], scheduledAt: null },
    }),
    expect: agencyRoute(201),
  },
  'GET /api/v1/posts/:postId': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/posts/${(await w.freshPost()).id}` }),
    expect: agencyRoute(200),
  },
  'PATCH /api/v1/posts/:postId': {
    request: async (w) => ({
      method: 'PATCH',
      path: `/api/v1/posts/${(await w.freshPost()).id}`,
      body: { text: 'Edited' },
    }),
    expect: agencyRoute(200),
  },
  'POST /api/v1/posts/:postId/cancel': {
    request: async (w) => ({ method: 'POST', path: `/api/v1/posts/${(await w.freshPost('scheduled')).id}/cancel` }),
    expect: agencyRoute(200),
  },
  'DELETE /api/v1/posts/:postId': {
    request: async (w) => ({ method: 'DELETE', path: `/api/v1/posts/${(await w.freshPost()).id}` }),
    expect: agencyRoute(204),
  },
  'GET /api/v1/posts/:postId/comments': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/posts/${(await w.freshPost()).id}/comments` }),
    expect: agencyRoute(200),
  },
  'POST /api/v1/posts/:postId/comments': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/posts/${(await w.freshPost()).id}/comments`,
      body: { body: 'A word on this post', internal: true },
    }),
    expect: agencyRoute(201),
  },
  'GET /api/v1/portal/reviews': { request: get('/api/v1/portal/reviews'), expect: portalRoute(200) },
  // A post of client A1 under review: a client user of A2 gets 404, as for an unknown id.
  'GET /api/v1/portal/reviews/:postId': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/portal/reviews/${(await w.freshReviewPost()).id}` }),
    expect: portalRoute(200, 404),
  },
  'POST /api/v1/portal/reviews/:postId/approve': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/portal/reviews/${(await w.freshReviewPost()).id}/approve`,
    }),
    expect: portalRoute(200, 404),
  },
  'POST /api/v1/portal/reviews/:postId/request-changes': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/portal/reviews/${(await w.freshReviewPost()).id}/request-changes`,
      body: { comment: 'Please use the new photo' },
    }),
    expect: portalRoute(200, 404),
  },
  'POST /api/v1/portal/reviews/:postId/comments': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/portal/reviews/${(await w.freshReviewPost()).id}/comments`,
      body: { body: 'Looks good so far' },
    }),
    expect: portalRoute(201, 404),
  },
  'GET /api/v1/portal/calendar/upcoming': {
    request: get('/api/v1/portal/calendar/upcoming'),
    expect: portalRoute(200),
  },
  'GET /api/v1/portal/calendar': {
    request: async () => ({ method: 'GET', path: `/api/v1/portal/calendar?${week()}` }),
    expect: portalRoute(200),
  },
  // ---- Contracts ------------------------------------------------------------------------------
  'GET /api/v1/contracts': { request: get('/api/v1/contracts'), expect: agencyCollection(200) },
  // The upload is a PDF body: a JSON body is refused with 415 once the caller may call the route.
  'POST /api/v1/contracts': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/contracts?clientId=${w.clientA1.id}`,
      body: { file: 'not a pdf' },
    }),
    expect: agencyCollection(415),
  },
  'POST /api/v1/contracts/from-template': {
    request: async (w) => ({
      method: 'POST',
      path: '/api/v1/contracts/from-template',
      body: { templateId: (await w.freshContractTemplate()).id, clientId: w.clientA1.id },
    }),
    expect: agencyRoute(201),
  },
  'GET /api/v1/contracts/:contractId': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/contracts/${(await w.freshContract()).id}` }),
    expect: agencyRoute(200),
  },
  'PUT /api/v1/contracts/:contractId': {
    request: async (w) => ({
      method: 'PUT',
      path: `/api/v1/contracts/${(await w.freshContract('draft')).id}`,
      body: {
        title: 'Matrix',
        message: null,
        expiresAt: null,
        reminders: null,
        recipients: [{ userId: w.userIds.clientMember, role: 'signer', step: 1 }],
        fields: [
          { kind: 'signature', recipientIndex: 0, required: true, page: 0, x: 0.1, y: 0.1, width: 0.3, height: 0.06 },
        ],
      },
    }),
    expect: agencyRoute(200),
  },
  'DELETE /api/v1/contracts/:contractId': {
    request: async (w) => ({ method: 'DELETE', path: `/api/v1/contracts/${(await w.freshContract('draft')).id}` }),
    expect: agencyRoute(204),
  },
  'POST /api/v1/contracts/:contractId/send': {
    request: async (w) => ({ method: 'POST', path: `/api/v1/contracts/${(await w.freshContract('draft')).id}/send` }),
    expect: agencyRoute(200),
  },
  'POST /api/v1/contracts/:contractId/void': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/contracts/${(await w.freshContract()).id}/void`,
      body: { reason: 'Matrix' },
    }),
    expect: agencyRoute(200),
  },
  'POST /api/v1/contracts/:contractId/remind': {
    request: async (w) => ({ method: 'POST', path: `/api/v1/contracts/${(await w.freshContract()).id}/remind` }),
    expect: agencyRoute(200),
  },
  'POST /api/v1/contracts/:contractId/seal': {
    request: async (w) => ({ method: 'POST', path: `/api/v1/contracts/${(await w.freshContract()).id}/seal` }),
    expect: agencyRoute(200),
  },
  'GET /api/v1/contracts/:contractId/events': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/contracts/${(await w.freshContract()).id}/events` }),
    expect: agencyRoute(200),
  },
  'GET /api/v1/contracts/:contractId/files/:kind': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/contracts/${(await w.freshContract()).id}/files/original` }),
    expect: agencyRoute(200),
  },
  'POST /api/v1/contracts/:contractId/template': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/contracts/${(await w.freshContract()).id}/template`,
      body: { name: 'Matrix template' },
    }),
    expect: agencyRoute(201),
  },
  // Countersigning: no agency actor is a recipient of the fresh contract, so each gets 404 like an
  // unknown id (countersigning itself: contracts.int-spec).
  'POST /api/v1/contracts/:contractId/sign': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/contracts/${(await w.freshContract()).id}/sign`,
      body: { values: {} },
    }),
    expect: agencyRoute(404),
  },
  'POST /api/v1/contracts/:contractId/approve': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/contracts/${(await w.freshContract('sent', 'approver')).id}/approve`,
    }),
    expect: agencyRoute(404),
  },
  'POST /api/v1/contracts/:contractId/decline': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/contracts/${(await w.freshContract()).id}/decline`,
      body: { reason: 'Matrix' },
    }),
    expect: agencyRoute(404),
  },
  'GET /api/v1/contract-templates': { request: get('/api/v1/contract-templates'), expect: agencyCollection(200) },
  'GET /api/v1/contract-templates/:templateId': {
    request: async (w) => ({
      method: 'GET',
      path: `/api/v1/contract-templates/${(await w.freshContractTemplate()).id}`,
    }),
    expect: agencyRoute(200),
  },
  'DELETE /api/v1/contract-templates/:templateId': {
    request: async (w) => ({
      method: 'DELETE',
      path: `/api/v1/contract-templates/${(await w.freshContractTemplate()).id}`,
    }),
    expect: agencyRoute(204),
  },
  // Portal: A1's admin and member are both recipients; A2's admin gets 404 like an unknown id.
  'GET /api/v1/portal/contracts': { request: get('/api/v1/portal/contracts'), expect: portalRoute(200) },
  'GET /api/v1/portal/contracts/:contractId': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/portal/contracts/${(await w.freshContract()).id}` }),
    expect: portalRoute(200, 404),
  },
  'GET /api/v1/portal/contracts/:contractId/files/:kind': {
    request: async (w) => ({
      method: 'GET',
      path: `/api/v1/portal/contracts/${(await w.freshContract()).id}/files/original`,
    }),
    expect: portalRoute(200, 404),
  },
  // Invoice PDFs (billing documents): any agency role; drafts are a preview there, never in the portal.
  'GET /api/v1/invoices/:invoiceId/pdf': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/invoices/${(await w.freshInvoice('draft')).id}/pdf` }),
    expect: agencyRoute(200),
  },
  // billing.manage is admin-only like users.manage: members 403, client A2's admin 404.
  'GET /api/v1/portal/billing/invoices/:invoiceId/pdf': {
    request: async (w) => ({
      method: 'GET',
      path: `/api/v1/portal/billing/invoices/${(await w.freshInvoice('sent')).id}/pdf`,
    }),
    expect: portalTeamRoute(200),
  },
  // Billing (invoices core): reading and drafting for every agency role; sending, voiding,
  // payments, reminders, settings, profiles and recurring changes for owners and admins.
  'GET /api/v1/billing/settings': { request: get('/api/v1/billing/settings'), expect: agencyCollection(200) },
  'PUT /api/v1/billing/settings': {
    request: async () => ({ method: 'PUT', path: '/api/v1/billing/settings', body: MATRIX_BILLING_SETTINGS }),
    expect: agencyCollection(200, 'owner-admin'),
  },
  'GET /api/v1/clients/:clientId/billing-profile': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/clients/${w.clientA1.id}/billing-profile` }),
    expect: agencyRoute(200),
  },
  'PUT /api/v1/clients/:clientId/billing-profile': {
    request: async (w) => ({
      method: 'PUT',
      path: `/api/v1/clients/${w.clientA1.id}/billing-profile`,
      body: MATRIX_BILLING_PROFILE,
    }),
    expect: agencyRoute(200, 'owner-admin'),
  },
  'GET /api/v1/invoices': { request: get('/api/v1/invoices'), expect: agencyCollection(200) },
  'GET /api/v1/invoices/totals': { request: get('/api/v1/invoices/totals'), expect: agencyCollection(200) },
  // Agency B's owner names client A1: 404, as for an unknown client.
  'POST /api/v1/invoices': {
    request: async (w) => ({ method: 'POST', path: '/api/v1/invoices', body: matrixInvoice(w.clientA1.id) }),
    expect: agencyRoute(201),
  },
  'GET /api/v1/invoices/:invoiceId': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/invoices/${(await w.freshInvoice()).id}` }),
    expect: agencyRoute(200),
  },
  'PUT /api/v1/invoices/:invoiceId': {
    request: async (w) => ({
      method: 'PUT',
      path: `/api/v1/invoices/${(await w.freshInvoice('draft')).id}`,
      body: matrixInvoice(w.clientA1.id),
    }),
    expect: agencyRoute(200),
  },
  'DELETE /api/v1/invoices/:invoiceId': {
    request: async (w) => ({ method: 'DELETE', path: `/api/v1/invoices/${(await w.freshInvoice('draft')).id}` }),
    expect: agencyRoute(204),
  },
  'POST /api/v1/invoices/:invoiceId/send': {
    request: async (w) => ({ method: 'POST', path: `/api/v1/invoices/${(await w.freshInvoice('draft')).id}/send` }),
    expect: agencyRoute(200, 'owner-admin'),
  },
  'POST /api/v1/invoices/:invoiceId/void': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/invoices/${(await w.freshInvoice()).id}/void`,
      body: { reason: 'Matrix' },
    }),
    expect: agencyRoute(200, 'owner-admin'),
  },
  'POST /api/v1/invoices/:invoiceId/payments': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/invoices/${(await w.freshInvoice()).id}/payments`,
      body: { amount: 100, method: 'bank_transfer', paidOn: '2026-12-02', reference: 'Matrix' },
    }),
    expect: agencyRoute(201, 'owner-admin'),
  },
  'POST /api/v1/invoices/:invoiceId/remind': {
    request: async (w) => ({ method: 'POST', path: `/api/v1/invoices/${(await w.freshInvoice()).id}/remind` }),
    expect: agencyRoute(204, 'owner-admin'),
  },
  'GET /api/v1/recurring-invoices': { request: get('/api/v1/recurring-invoices'), expect: agencyCollection(200) },
  'POST /api/v1/recurring-invoices': {
    request: async (w) => ({
      method: 'POST',
      path: '/api/v1/recurring-invoices',
      body: matrixRecurring(w.clientA1.id),
    }),
    expect: agencyRoute(201, 'owner-admin'),
  },
  'GET /api/v1/recurring-invoices/:recurringId': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/recurring-invoices/${(await w.freshRecurring()).id}` }),
    expect: agencyRoute(200),
  },
  'PUT /api/v1/recurring-invoices/:recurringId': {
    request: async (w) => {
      const recurring = await w.freshRecurring();
      return {
        method: 'PUT',
        path: `/api/v1/recurring-invoices/${recurring.id}`,
        body: { ...matrixRecurring(w.clientA1.id), startsOn: recurring.startsOn },
      };
    },
    expect: agencyRoute(200, 'owner-admin'),
  },
  'POST /api/v1/recurring-invoices/:recurringId/pause': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/recurring-invoices/${(await w.freshRecurring()).id}/pause`,
    }),
    expect: agencyRoute(200, 'owner-admin'),
  },
  'POST /api/v1/recurring-invoices/:recurringId/resume': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/recurring-invoices/${(await w.freshRecurring('paused')).id}/resume`,
    }),
    expect: agencyRoute(200, 'owner-admin'),
  },
  'POST /api/v1/recurring-invoices/:recurringId/end': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/recurring-invoices/${(await w.freshRecurring()).id}/end`,
    }),
    expect: agencyRoute(200, 'owner-admin'),
  },
  // Portal Billing: client admins with billing.manage; members 403 even with it on; client A2's
  // admin sees their own page (200) and gets 404 for A1's invoice.
  'GET /api/v1/portal/billing': { request: get('/api/v1/portal/billing'), expect: portalTeamRoute(200, 200) },
  'PUT /api/v1/portal/billing/profile': {
    request: async () => ({ method: 'PUT', path: '/api/v1/portal/billing/profile', body: MATRIX_BILLING_PROFILE }),
    expect: portalTeamRoute(200, 200),
  },
  'GET /api/v1/portal/billing/invoices/:invoiceId': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/portal/billing/invoices/${(await w.freshInvoice()).id}` }),
    expect: portalTeamRoute(200),
  },
  // Online payments: the provider is connected by owners and admins (agency B connects its own);
  // an empty body answers 400 once the caller may call the route (the key check itself: billing-payments.int-spec).
  'PUT /api/v1/billing/settings/stripe': {
    request: async () => ({ method: 'PUT', path: '/api/v1/billing/settings/stripe', body: {} }),
    expect: agencyCollection(400, 'owner-admin'),
  },
  'DELETE /api/v1/billing/settings/stripe': {
    request: async () => ({ method: 'DELETE', path: '/api/v1/billing/settings/stripe' }),
    expect: agencyCollection(204, 'owner-admin'),
  },
  'PUT /api/v1/billing/settings/sandbox': {
    request: async () => ({ method: 'PUT', path: '/api/v1/billing/settings/sandbox' }),
    expect: agencyCollection(200, 'owner-admin'),
  },
  'DELETE /api/v1/billing/settings/sandbox': {
    request: async () => ({ method: 'DELETE', path: '/api/v1/billing/settings/sandbox' }),
    expect: agencyCollection(204, 'owner-admin'),
  },
  // "Pay now": client admins with billing.manage; A2's admin gets 404 for A1's invoice.
  'POST /api/v1/portal/billing/invoices/:invoiceId/pay': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/portal/billing/invoices/${(await w.payableInvoice()).id}/pay`,
    }),
    expect: portalTeamRoute(200),
  },
  'POST /api/v1/portal/contracts/:contractId/sign': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/portal/contracts/${(await w.freshContract()).id}/sign`,
      body: { values: {}, signature: { method: 'drawn', image: MATRIX_SIGNATURE } },
    }),
    expect: portalRoute(200, 404),
  },
  'POST /api/v1/portal/contracts/:contractId/approve': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/portal/contracts/${(await w.freshContract('sent', 'approver')).id}/approve`,
    }),
    expect: portalRoute(200, 404),
  },
  'POST /api/v1/portal/contracts/:contractId/decline': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/portal/contracts/${(await w.freshContract()).id}/decline`,
      body: { reason: 'Matrix' },
    }),
    expect: portalRoute(200, 404),
  },
  'GET /api/v1/media': { request: get('/api/v1/media'), expect: agencyCollection(200) },
  'GET /api/v1/media/usage': { request: get('/api/v1/media/usage'), expect: agencyCollection(200) },
  // An upload request without files: everyone allowed gets 415 (not multipart), the rest are refused first.
  'POST /api/v1/media': {
    request: async () => ({ method: 'POST', path: '/api/v1/media', body: { file: 'not multipart' } }),
    expect: agencyCollection(415),
  },
  'GET /api/v1/media/:mediaId': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/media/${(await w.freshMedia()).id}` }),
    expect: agencyRoute(200),
  },
  'DELETE /api/v1/media/:mediaId': {
    request: async (w) => ({ method: 'DELETE', path: `/api/v1/media/${(await w.freshMedia()).id}` }),
    expect: agencyRoute(204),
  },
  'GET /api/v1/portal/media': { request: get('/api/v1/portal/media'), expect: portalRoute(200) },
  'POST /api/v1/portal/media': {
    request: async () => ({ method: 'POST', path: '/api/v1/portal/media', body: { file: 'not multipart' } }),
    expect: portalRoute(415),
  },
  'GET /api/v1/portal/media/:mediaId': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/portal/media/${(await w.freshMedia()).id}` }),
    expect: portalRoute(200, 404),
  },
  // ---- Messages -------------------------------------------------------------------------------
  // Portal: each client user acts in their own client's conversation (A2's admin in A2's); a
  // message of A1 answers 404 to A2's admin. Edits and deletions: a message of the caller's own.
  'GET /api/v1/portal/messages': { request: get('/api/v1/portal/messages'), expect: portalRoute(200) },
  'GET /api/v1/portal/messages/unread': { request: get('/api/v1/portal/messages/unread'), expect: portalRoute(200) },
  'GET /api/v1/portal/messages/items': { request: get('/api/v1/portal/messages/items'), expect: portalRoute(200) },
  'GET /api/v1/portal/messages/changes': {
    request: get('/api/v1/portal/messages/changes?since=0'),
    expect: portalRoute(200),
  },
  'GET /api/v1/portal/messages/search': {
    request: get('/api/v1/portal/messages/search?q=matrix'),
    expect: portalRoute(200),
  },
  'POST /api/v1/portal/messages/items': {
    request: async () => ({ method: 'POST', path: '/api/v1/portal/messages/items', body: { body: 'Matrix hello' } }),
    expect: portalRoute(201),
  },
  'PATCH /api/v1/portal/messages/items/:messageId': {
    request: async (w, actor) => ({
      method: 'PATCH',
      path: `/api/v1/portal/messages/items/${(await w.freshMessage(clientAuthor(actor))).id}`,
      body: { body: 'Edited' },
    }),
    expect: portalRoute(200, 404),
  },
  'DELETE /api/v1/portal/messages/items/:messageId': {
    request: async (w, actor) => ({
      method: 'DELETE',
      path: `/api/v1/portal/messages/items/${(await w.freshMessage(clientAuthor(actor))).id}`,
    }),
    expect: portalRoute(200, 404),
  },
  'POST /api/v1/portal/messages/read': {
    request: async () => ({ method: 'POST', path: '/api/v1/portal/messages/read', body: { seq: 1 } }),
    expect: portalRoute(200),
  },
  'POST /api/v1/portal/messages/attachments': {
    request: async () => ({
      method: 'POST',
      path: '/api/v1/portal/messages/attachments',
      body: { file: 'not multipart' },
    }),
    expect: portalRoute(415),
  },
  // Agency: conversations by client id; agency B's owner gets 404 for A1, as for an unknown client.
  'GET /api/v1/messages/conversations': {
    request: get('/api/v1/messages/conversations'),
    expect: agencyCollection(200),
  },
  'GET /api/v1/messages/unread': { request: get('/api/v1/messages/unread'), expect: agencyCollection(200) },
  'GET /api/v1/messages/conversations/:clientId': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/messages/conversations/${w.clientA1.id}` }),
    expect: agencyRoute(200),
  },
  'PUT /api/v1/messages/conversations/:clientId/assignee': {
    request: async (w) => ({
      method: 'PUT',
      path: `/api/v1/messages/conversations/${w.clientA1.id}/assignee`,
      body: { assigneeUserId: w.userIds.agencyMember },
    }),
    expect: agencyRoute(200),
  },
  'GET /api/v1/messages/conversations/:clientId/items': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/messages/conversations/${w.clientA1.id}/items` }),
    expect: agencyRoute(200),
  },
  'GET /api/v1/messages/conversations/:clientId/changes': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/messages/conversations/${w.clientA1.id}/changes?since=0` }),
    expect: agencyRoute(200),
  },
  'GET /api/v1/messages/conversations/:clientId/search': {
    request: async (w) => ({ method: 'GET', path: `/api/v1/messages/conversations/${w.clientA1.id}/search?q=matrix` }),
    expect: agencyRoute(200),
  },
  'POST /api/v1/messages/conversations/:clientId/items': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/messages/conversations/${w.clientA1.id}/items`,
      body: { body: 'Matrix reply', kind: 'note' },
    }),
    expect: agencyRoute(201),
  },
  'PATCH /api/v1/messages/conversations/:clientId/items/:messageId': {
    request: async (w, actor) => ({
      method: 'PATCH',
      path: `/api/v1/messages/conversations/${w.clientA1.id}/items/${(await w.freshMessage(agencyAuthor(actor))).id}`,
      body: { body: 'Edited' },
    }),
    expect: agencyRoute(200),
  },
  'DELETE /api/v1/messages/conversations/:clientId/items/:messageId': {
    request: async (w, actor) => ({
      method: 'DELETE',
      path: `/api/v1/messages/conversations/${w.clientA1.id}/items/${(await w.freshMessage(agencyAuthor(actor))).id}`,
    }),
    expect: agencyRoute(200),
  },
  'POST /api/v1/messages/conversations/:clientId/read': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/messages/conversations/${w.clientA1.id}/read`,
      body: { seq: 1 },
    }),
    expect: agencyRoute(200),
  },
  // Not multipart: refused with 415 before the client is looked up, so agency B's owner gets 415 too.
  'POST /api/v1/messages/conversations/:clientId/attachments': {
    request: async (w) => ({
      method: 'POST',
      path: `/api/v1/messages/conversations/${w.clientA1.id}/attachments`,
      body: { file: 'not multipart' },
    }),
    expect: agencyCollection(415),
  },
  'PATCH /api/v1/me': {
    request: async () => ({ method: 'PATCH', path: '/api/v1/me', body: { timezone: 'Europe/Berlin' } }),
    expect: anySignedIn(200),
  },
  // Wrong current password: every signed-in caller gets the same 400 and nothing changes.
  'POST /api/v1/me/email': {
    request: async () => ({
      method: 'POST',
      path: '/api/v1/me/email',
      body: { newEmail: uniqueEmail('matrix-new'), currentPassword: 'not the password' },
    }),
    expect: anySignedIn(400),
  },
  'POST /api/v1/me/password': {
    request: async () => ({
      method: 'POST',
      path: '/api/v1/me/password',
      body: { currentPassword: 'not the password', newPassword: 'whatever passphrase' },
    }),
    expect: anySignedIn(400),
  },
  'PUT /api/v1/me/avatar': {
    request: async () => ({ method: 'PUT', path: '/api/v1/me/avatar', body: { file: 'not multipart' } }),
    expect: anySignedIn(415),
  },
  'DELETE /api/v1/me/avatar': {
    request: async () => ({ method: 'DELETE', path: '/api/v1/me/avatar' }),
    expect: anySignedIn(200),
  },
  // Each person's own choice of unread-message emails: every signed-in user reads and sets theirs.
  'GET /api/v1/me/message-emails': { request: get('/api/v1/me/message-emails'), expect: anySignedIn(200) },
  'PUT /api/v1/me/message-emails': {
    request: async () => ({ method: 'PUT', path: '/api/v1/me/message-emails', body: { mode: 'daily' } }),
    expect: anySignedIn(200),
  },
  // Branding is the agency's as a whole: agency B's owner reads and changes its own (branding.isolation.int-spec).
  'GET /api/v1/branding': { request: get('/api/v1/branding'), expect: agencyCollection(200) },
  'PUT /api/v1/branding': {
    request: async () => ({ method: 'PUT', path: '/api/v1/branding', body: { signInHeadline: 'Matrix' } }),
    expect: agencyCollection(200, 'owner-admin'),
  },
  // A reserved slug: everyone allowed gets the same 400 (a valid one may be set only once), the rest are refused first.
  'PUT /api/v1/branding/slug': {
    request: async () => ({ method: 'PUT', path: '/api/v1/branding/slug', body: { slug: 'admin' } }),
    expect: agencyCollection(400, 'owner-admin'),
  },
  'PUT /api/v1/branding/images/:slot': {
    request: async () => ({
      method: 'PUT',
      path: '/api/v1/branding/images/logoLight',
      body: { file: 'not multipart' },
    }),
    expect: agencyCollection(415, 'owner-admin'),
  },
  'DELETE /api/v1/branding/images/:slot': {
    request: async () => ({ method: 'DELETE', path: '/api/v1/branding/images/logoLight' }),
    expect: agencyCollection(200, 'owner-admin'),
  },
  // The brand of the caller's own agency, whatever client it acts for.
  'GET /api/v1/portal/brand': { request: get('/api/v1/portal/brand'), expect: portalRoute(200) },
  // The custom domain is the agency's as a whole: B reads and claims its own (domains.isolation.int-spec).
  'GET /api/v1/branding/domain': { request: get('/api/v1/branding/domain'), expect: agencyCollection(200) },
  'PUT /api/v1/branding/domain': {
    request: async () => ({
      method: 'PUT',
      path: '/api/v1/branding/domain',
      body: { hostname: `matrix-${randomBytes(4).toString('hex')}.example.com` },
    }),
    expect: agencyCollection(200, 'owner-admin'),
  },
  // A's domain exists and B has none: B's owner gets 404, as for an unknown domain.
  'DELETE /api/v1/branding/domain': {
    request: async (w) => {
      await w.t.db.getRepository(CustomDomain).delete({ agencyId: w.agencyB.id });
      if (!(await w.t.db.getRepository(CustomDomain).existsBy({ agencyId: w.agencyA.id }))) {
        const domains = w.t.db.getRepository(CustomDomain);
        await domains.save(
          domains.create({
            agencyId: w.agencyA.id,
            hostname: `matrix-${randomBytes(4).toString('hex')}.example.com`,
            challengeToken: randomBytes(24).toString('base64url'),
          }),
        );
      }
      return { method: 'DELETE', path: '/api/v1/branding/domain' };
    },
    expect: agencyRoute(204, 'owner-admin'),
  },
  // Checked with no domain set, so no DNS query leaves the test: the allowed get 404, the rest are refused
  // first (a real check is in custom-domains.int-spec).
  'POST /api/v1/branding/domain/check': {
    request: async (w) => {
      await w.t.db.getRepository(CustomDomain).delete({ agencyId: w.agencyA.id });
      return { method: 'POST', path: '/api/v1/branding/domain/check' };
    },
    expect: agencyRoute(404, 'owner-admin'),
  },
};

/** Public routes: reachable without a session by design (sign-in, links from emails, health). */
export const PUBLIC_ROUTES = [
  'GET /api/health',
  'GET /api/health/ready',
  'POST /api/v1/auth/signup',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/forgot-password',
  'POST /api/v1/auth/reset-password',
  'POST /api/v1/auth/confirm-email',
  'POST /api/v1/auth/resend-confirmation',
  'POST /api/v1/auth/magic-link',
  // Platform operators' sign-in: password, then TOTP with the signed challenge (platform-admin-auth.int-spec).
  'POST /api/v1/admin/auth/login',
  'POST /api/v1/admin/auth/enrol/start',
  'POST /api/v1/admin/auth/enrol/finish',
  'POST /api/v1/admin/auth/verify',
  // The second step of a sign-in: the signed, host-bound challenge token is the credential (two-factor.int-spec).
  'POST /api/v1/auth/2fa/verify',
  'POST /api/v1/auth/2fa/enrol/start',
  'POST /api/v1/auth/2fa/enrol/finish',
  'POST /api/v1/invitations/preview',
  'POST /api/v1/invitations/accept',
  'GET /api/v1/dev/mailbox',
  'GET /api/v1/dev/mailbox/:id',
  // Client Connect Links: the link's token is the credential (tested in connect-links.int-spec).
  // Signed file URLs: the token is the credential, and the caller's access is checked again (media.int-spec).
  'GET /api/v1/files/:token',
  'POST /api/v1/me/email/confirm',
  'POST /api/v1/connect-links/preview',
  'POST /api/v1/connect-links/authorize',
  'POST /api/v1/connect-links/complete',
  // The sandbox platform's own OAuth 2 server and API (never in production).
  'GET /api/dev-oauth/authorize',
  'POST /api/dev-oauth/authorize',
  'POST /api/dev-oauth/token',
  'GET /api/dev-oauth/me',
  'POST /api/dev-oauth/posts',
  'GET /api/dev-oauth/posts',
  'GET /api/dev-oauth/feed/:handle',
  // OAuth round trips begun on a custom domain are handed back there; the state's secret is the credential (oauth-handback.int-spec).
  'POST /api/v1/public/oauth/handback',
  // The brand of the sign-in pages: public fields only, images by public slug (branding.int-spec, branding.isolation).
  'GET /api/v1/public/brand',
  'GET /api/v1/public/brand-images/:slug/:slot/:version',
  // The public verification page: answers only match, title and date (contracts.int-spec).
  'POST /api/v1/public/contracts/verify',
  'GET /api/v1/public/contracts/verify/:sha256',
  // Payment providers' webhooks: the signature on the raw body with the agency's secret is the
  // credential; anything unsigned changes nothing (billing-payments*.int-spec).
  'POST /api/v1/billing/webhooks/stripe/:agencyId',
  'POST /api/v1/billing/webhooks/sandbox',
  // The sandbox payment provider's hosted page and API (never in production): the API takes the
  // account's key, the page's form its own token (billing-payments-sandbox.int-spec).
  'GET /api/sandbox-pay/checkout/:sessionId',
  'POST /api/sandbox-pay/checkout/:sessionId',
  'POST /api/sandbox-pay/v1/checkout/sessions',
  'POST /api/sandbox-pay/v1/checkout/sessions/:sessionId/expire',
  'POST /api/sandbox-pay/v1/refunds',
  // Caddy's on-demand TLS question: loopback callers only, yes or no (custom-domains.int-spec, domains.isolation).
  'GET /api/internal/tls-ask',
];

describe('Authorization matrix', () => {
  let t: TestApp;
  let world: MatrixWorld;

  beforeAll(async () => {
    t = await startTestApp();
    world = await new MatrixWorld(t).build();
  });
  afterAll(() => t.close());

  it('covers every route of the application, and only real routes', () => {
    const routes = listRoutes(t.app).map((route) => `${route.method} ${route.path}`);
    const covered = [...Object.keys(MATRIX), ...PUBLIC_ROUTES];
    expect(routes.filter((route) => !covered.includes(route))).toEqual([]);
    expect(covered.filter((route) => !routes.includes(route))).toEqual([]);
    const declaredPublic = listRoutes(t.app)
      .filter((route) => route.policy?.kind === 'public')
      .map((route) => `${route.method} ${route.path}`);
    expect(declaredPublic.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  for (const [route, entry] of Object.entries(MATRIX)) {
    it(`${route}`, async () => {
      const answers: Partial<Record<Actor, number>> = {};
      for (const actor of ACTORS) {
        const request = await entry.request(world, actor);
        let call = t.http()[request.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](request.path);
        if (actor !== 'anonymous') call = call.set('Authorization', `Bearer ${request.bearer ?? world.tokens[actor]}`);
        const response = await (request.body ? call.send(request.body) : call);
        answers[actor] = response.status;
        if (response.status >= 400) expect(response.body).toMatchObject({ statusCode: response.status });
      }
      expect(answers).toEqual(entry.expect);
    });
  }
  // Each feature's leak tests (lists, counts, ids of other tenants) live beside it:
  // backend/src/modules/<feature>/<feature>.isolation.int-spec.ts.
});
