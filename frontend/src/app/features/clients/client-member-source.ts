import type { ClientRole } from '@atrium/shared';
import type { MemberSource } from '../members/member-source';
import type { ClientsApi } from './data-access/clients.api';

/**
 * A client's users as the agency manages them: everything, bulk actions included. Copyable magic
 * links are for owners and admins only (the server refuses members), so members do not see them.
 */
export function clientMemberSource(api: ClientsApi, clientId: string, canCopyMagicLinks = true): MemberSource {
  return {
    list: () => api.users(clientId),
    invite: (request) => api.invite(clientId, { ...request, role: request.role as ClientRole }),
    resend: (row) => api.resendInvitation(clientId, row.id),
    revoke: (row) => api.revokeInvitation(clientId, row.id),
    changeRole: (row, role) => api.changeRole(clientId, row.id, { role: role as ClientRole }),
    remove: (row) => api.removeUser(clientId, row.id),
    magicLink: canCopyMagicLinks ? (row) => api.createMagicLink(row.id) : undefined,
    revokeMagicLinks: (row) => api.revokeMagicLinks(row.id),
    loginEmails: (rows) => api.sendLoginEmails(rows.map((row) => row.id)),
    bulkRemove: (rows) =>
      api.bulkRemove(
        clientId,
        rows.map((row) => row.id),
      ),
  };
}
