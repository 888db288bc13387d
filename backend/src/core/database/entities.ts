import { AuditLog } from '../audit/audit-log.entity';
import { OutboxEmail } from '../mail/outbox-email.entity';
import { SchedulerLease } from '../scheduling/scheduler-lease.entity';
import { Agency } from '../../modules/agencies/entities/agency.entity';
import { OneTimeToken } from '../../modules/auth/entities/one-time-token.entity';
import { Session } from '../../modules/auth/entities/session.entity';
import { Client } from '../../modules/clients/entities/client.entity';
import { ClientMembership } from '../../modules/clients/entities/client-membership.entity';
import { Invitation } from '../../modules/invitations/entities/invitation.entity';
import { AgencyMembership } from '../../modules/users/entities/agency-membership.entity';
import { User } from '../../modules/users/entities/user.entity';

/** Every entity, listed explicitly: the bundled backend cannot discover them with globs. */
export const ENTITIES = [
  Agency,
  User,
  AgencyMembership,
  Client,
  ClientMembership,
  Session,
  OneTimeToken,
  Invitation,
  OutboxEmail,
  AuditLog,
  SchedulerLease,
];
