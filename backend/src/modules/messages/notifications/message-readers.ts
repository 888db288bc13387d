import { In, IsNull } from 'typeorm';
import { effectiveClientPermissions, isClientPermission, type ClientRole } from '@atrium/shared';
import { AgencyMembership } from '../../../core/tenancy/entities/agency-membership.entity';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { ClientMembership } from '../../../core/tenancy/entities/client-membership.entity';
import { Client } from '../../../core/tenancy/entities/client.entity';
import { User } from '../../../core/tenancy/entities/user.entity';
import type { TenantDataAccess } from '../../../core/tenancy/tenant-data';
import { agencyScope } from '../../../core/tenancy/tenant-scope';

/** Someone who may read a conversation, with what an email to them needs. */
export interface ConversationReader {
  id: string;
  kind: 'agency' | 'client';
  email: string;
  name: string;
  timezone: string;
}

/** The conversation's client and agency as the emails name them (null: gone, or no longer served). */
export interface ConversationParties {
  agency: Agency;
  client: Client;
}

/**
 * Who may read a client's conversation, decided from the database the way a request is: active
 * client users with an active membership in the client whose effective permissions include
 * `messages.use`, and the agency's active users. Nobody, when the agency is suspended or the client
 * deleted. `onlyUserIds` narrows the answer to those people (the sweep's re-check of one person).
 */
export async function conversationReaders(
  data: TenantDataAccess,
  conversation: { agencyId: string; clientId: string },
  onlyUserIds?: readonly string[],
): Promise<{ parties: ConversationParties | null; readers: ConversationReader[] }> {
  const scope = agencyScope(conversation.agencyId);
  const agency = await data.findOwnedOrNull(scope, Agency, conversation.agencyId, { where: { status: 'active' } });
  const client = agency
    ? await data.findOwnedOrNull(scope, Client, conversation.clientId, { where: { deletedAt: IsNull() } })
    : null;
  if (!agency || !client) return { parties: null, readers: [] };
  if (onlyUserIds && onlyUserIds.length === 0) return { parties: { agency, client }, readers: [] };
  const narrowed = onlyUserIds ? { id: In([...new Set(onlyUserIds)]) } : {};

  const clientPeople = await data
    .query(scope, User, 'person')
    .innerJoin(
      ClientMembership,
      'membership',
      'membership.userId = person.id AND membership.agencyId = person.agencyId AND membership.clientId = :clientId AND membership.status = :active',
      { clientId: client.id, active: 'active' },
    )
    .select([
      'person.id AS id',
      'person.email AS email',
      'person.name AS name',
      'person.timezone AS timezone',
      'membership.role AS role',
    ])
    .where({ kind: 'client', status: 'active', ...narrowed })
    .getRawMany<{ id: string; email: string; name: string; timezone: string; role: ClientRole }>();
  const allowed = client.permissions.filter(isClientPermission);
  const readers: ConversationReader[] = clientPeople
    .filter((person) => effectiveClientPermissions(allowed, person.role).includes('messages.use'))
    .map(({ id, email, name, timezone }) => ({ id, kind: 'client', email, name, timezone }));

  const agencyPeople = await data
    .query(scope, User, 'person')
    .innerJoin(
      AgencyMembership,
      'membership',
      'membership.userId = person.id AND membership.agencyId = person.agencyId AND membership.status = :active',
      { active: 'active' },
    )
    .select(['person.id AS id', 'person.email AS email', 'person.name AS name', 'person.timezone AS timezone'])
    .where({ kind: 'agency', status: 'active', ...narrowed })
    .getRawMany<{ id: string; email: string; name: string; timezone: string }>();
  for (const { id, email, name, timezone } of agencyPeople) readers.push({ id, kind: 'agency', email, name, timezone });
  return { parties: { agency, client }, readers };
}
