import { IsNull } from 'typeorm';
import { effectiveClientPermissions, isClientPermission, type ClientRole } from '@atrium/shared';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { ClientMembership } from '../../../core/tenancy/entities/client-membership.entity';
import { Client } from '../../../core/tenancy/entities/client.entity';
import { User } from '../../../core/tenancy/entities/user.entity';
import type { TenantDataAccess } from '../../../core/tenancy/tenant-data';
import { agencyScope } from '../../../core/tenancy/tenant-scope';
import { BillingProfile } from '../entities/billing-profile.entity';

/** A client user who gets the billing emails, with a one-click link into the portal. */
export interface BillingReader {
  id: string;
  email: string;
  name: string;
}

export interface InvoiceRecipients {
  agency: Agency;
  client: Client;
  /** Client admins whose effective permissions include billing.manage (members never). */
  users: BillingReader[];
  /** The billing profile's address, when set and not one of `users` already. */
  billingContact: string | null;
}

/**
 * Who a client's billing emails go to, decided from the database the way a request would be:
 * active client users with an active admin membership of the client whose effective permissions
 * include `billing.manage`, plus the billing profile's email. Nobody when the agency is suspended
 * or the client deleted (null).
 */
export async function invoiceRecipients(
  data: TenantDataAccess,
  invoice: { agencyId: string; clientId: string },
): Promise<InvoiceRecipients | null> {
  const scope = agencyScope(invoice.agencyId);
  const agency = await data.findOwnedOrNull(scope, Agency, invoice.agencyId, { where: { status: 'active' } });
  const client = agency
    ? await data.findOwnedOrNull(scope, Client, invoice.clientId, { where: { deletedAt: IsNull() } })
    : null;
  if (!agency || !client) return null;

  const allowed = client.permissions.filter(isClientPermission);
  const people = await data
    .query(scope, User, 'person')
    .innerJoin(
      ClientMembership,
      'membership',
      'membership.userId = person.id AND membership.agencyId = person.agencyId AND membership.clientId = :clientId AND membership.status = :active',
      { clientId: client.id, active: 'active' },
    )
    .select(['person.id AS id', 'person.email AS email', 'person.name AS name', 'membership.role AS role'])
    .where({ kind: 'client', status: 'active' })
    .orderBy('person.email', 'ASC')
    .getRawMany<{ id: string; email: string; name: string; role: ClientRole }>();
  const users = people
    .filter(
      (person) =>
        person.role === 'admin' && effectiveClientPermissions(allowed, person.role).includes('billing.manage'),
    )
    .map(({ id, email, name }) => ({ id, email, name }));

  const profile = await data.findOneOwned(scope, BillingProfile, { where: { clientId: client.id } });
  const contact = profile?.email.trim().toLowerCase() ?? '';
  const known = new Set(users.map((user) => user.email.toLowerCase()));
  return { agency, client, users, billingContact: contact && !known.has(contact) ? contact : null };
}
