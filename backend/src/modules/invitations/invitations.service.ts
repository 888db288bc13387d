import type { AnyMemberRow } from '../members/member-directory.service';
import {
  ConflictException,
  GoneException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Audience, InvitationPreview } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import { isUniqueViolation } from '../../core/database/errors';
import { ContextLoader } from '../../core/tenancy/context-loader.service';
import type { RequestMeta } from '../../core/auth/request-context';
import { MailService } from '../../core/mail/mail.service';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import { EntitlementsService } from '../agencies/entitlements.service';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import type { SignedIn } from '../auth/auth.service';
import { TOKEN_TTL_MS } from '../auth/one-time-token.service';
import { PasswordService } from '../auth/password.service';
import { SessionService } from '../auth/session.service';
import { hashToken, newSecretToken } from '../auth/token-hash';
import { Client } from '../../core/tenancy/entities/client.entity';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { toInvitationRow } from '../members/member-directory.service';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { Invitation } from './entities/invitation.entity';
import { invitationEmail } from './invitation-emails';

/** Who is inviting: an agency user (any client or the team) or a client admin (their client). */
export interface Inviter {
  agencyId: string;
  userId: string;
  meta: RequestMeta;
}

/** Where the invitation leads: the agency team, or one client's portal. */
export type InvitationTarget = { audience: 'agency' } | { audience: 'client'; clientId: string };

export interface InviteInput {
  name: string;
  email: string;
  role: string;
}

/**
 * Invitations (SPEC §2, §5): a single-use link valid 7 days; a resend issues a new link and kills
 * the old one; accepting sets a password (or proves the existing one), creates the membership and
 * signs the person in. Accepting twice at once yields one account.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly entitlements: EntitlementsService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly contexts: ContextLoader,
    private readonly rateLimits: RateLimitService,
  ) {}

  async invite(inviter: Inviter, target: InvitationTarget, input: InviteInput): Promise<AnyMemberRow> {
    await this.entitlements.assertCanInvite(inviter.agencyId, target.audience);
    await this.limitEmails(inviter.agencyId, input.email);
    const clientId = target.audience === 'client' ? target.clientId : null;
    if (clientId) await this.liveClient(inviter.agencyId, clientId);
    await this.assertInvitable(inviter.agencyId, target, input.email);

    const emailIds: string[] = [];
    const invitation = await this.db.transaction(async (manager) => {
      const repository = manager.getRepository(Invitation);
      // Inviting the same address again replaces the open invitation rather than adding a second one.
      await repository.update(
        { agencyId: inviter.agencyId, clientId: clientId ?? IsNull(), email: input.email, status: 'pending' },
        { status: 'revoked' },
      );
      const token = newSecretToken();
      const created = await repository.save(
        repository.create({
          agencyId: inviter.agencyId,
          clientId,
          audience: target.audience,
          email: input.email,
          name: input.name,
          role: input.role,
          tokenHash: hashToken(token),
          expiresAt: new Date(Date.now() + TOKEN_TTL_MS.invitation),
          invitedByUserId: inviter.userId,
        }),
      );
      emailIds.push(await this.queueEmail(manager, created, token, inviter.userId));
      await this.audit.record(
        {
          action: 'invitation.sent',
          agencyId: inviter.agencyId,
          actorUserId: inviter.userId,
          targetType: 'invitation',
          targetId: created.id,
          meta: inviter.meta,
          details: { audience: target.audience, clientId, role: input.role },
        },
        manager,
      );
      return created;
    });
    await this.mail.dispatch(emailIds);
    return toInvitationRow(invitation);
  }

  /** A new link (7 more days); the old link stops working. For pending and expired invitations. */
  async resend(inviter: Inviter, target: InvitationTarget, invitationId: string): Promise<AnyMemberRow> {
    await this.entitlements.assertCanInvite(inviter.agencyId, target.audience);
    const open = await this.findOpen(this.db.manager, inviter.agencyId, target, invitationId);
    await this.limitEmails(inviter.agencyId, open.email);
    const emailIds: string[] = [];
    const invitation = await this.db.transaction(async (manager) => {
      const invitation = await this.findOpen(manager, inviter.agencyId, target, invitationId);
      const token = newSecretToken();
      invitation.tokenHash = hashToken(token);
      invitation.expiresAt = new Date(Date.now() + TOKEN_TTL_MS.invitation);
      await manager.getRepository(Invitation).save(invitation);
      emailIds.push(await this.queueEmail(manager, invitation, token, inviter.userId));
      await this.audit.record(
        {
          action: 'invitation.resent',
          agencyId: inviter.agencyId,
          actorUserId: inviter.userId,
          targetType: 'invitation',
          targetId: invitation.id,
          meta: inviter.meta,
        },
        manager,
      );
      return invitation;
    });
    await this.mail.dispatch(emailIds);
    return toInvitationRow(invitation);
  }

  async revoke(inviter: Inviter, target: InvitationTarget, invitationId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const invitation = await this.findOpen(manager, inviter.agencyId, target, invitationId);
      await manager.getRepository(Invitation).update({ id: invitation.id }, { status: 'revoked' });
      await this.audit.record(
        {
          action: 'invitation.revoked',
          agencyId: inviter.agencyId,
          actorUserId: inviter.userId,
          targetType: 'invitation',
          targetId: invitation.id,
          meta: inviter.meta,
        },
        manager,
      );
    });
  }

  /** What the invitation page shows. Looking does not spend the link. */
  async preview(token: string, meta: RequestMeta): Promise<InvitationPreview> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.tokenPerIp, subject: meta.ip }]);
    const invitation = await this.byToken(token);
    const agency = await this.db.getRepository(Agency).findOneByOrFail({ id: invitation.agencyId });
    const client = invitation.clientId
      ? await this.db.getRepository(Client).findOneBy({ id: invitation.clientId })
      : null;
    const existing = await this.db.getRepository(User).findOneBy({ email: invitation.email });
    return {
      status: this.previewStatus(invitation),
      agencyName: agency.name,
      clientName: client?.name ?? null,
      audience: invitation.audience,
      name: invitation.name,
      email: invitation.email,
      role: invitation.role,
      existingAccount: Boolean(existing?.passwordHash),
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }

  async accept(token: string, name: string, password: string, meta: RequestMeta): Promise<SignedIn> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.tokenPerIp, subject: meta.ip }]);
    const invitation = await this.byToken(token);
    const status = this.previewStatus(invitation);
    if (status !== 'pending') throw new GoneException(goneMessage(status));
    if (invitation.clientId)
      await this.liveClient(invitation.agencyId, invitation.clientId).catch(() => {
        throw new GoneException(goneMessage('revoked'));
      });

    const existing = await this.db.getRepository(User).findOneBy({ email: invitation.email });
    if (existing && (existing.agencyId !== invitation.agencyId || existing.kind !== invitation.audience)) {
      throw new ConflictException('This email address already has an Atrium account elsewhere.');
    }
    let passwordHash: string | null = null;
    if (existing?.passwordHash) {
      // An existing account proves who it is with its current password.
      if (!(await this.passwords.verify(existing.passwordHash, password))) {
        throw new UnauthorizedException('That is not the current password of this account.');
      }
    } else {
      this.passwords.assertAcceptable(password, 'password', invitation.email);
      passwordHash = await this.passwords.hash(password);
    }

    const { userId, tokens } = await this.db
      .transaction(async (manager) => {
        // The conditional update is the single winner of two concurrent accepts.
        const won = await manager
          .createQueryBuilder()
          .update(Invitation)
          .set({ status: 'accepted', acceptedAt: new Date() })
          .where({ id: invitation.id, tokenHash: hashToken(token), status: 'pending' })
          .execute();
        if ((won.affected ?? 0) !== 1) throw new GoneException(goneMessage('accepted'));

        const user = await this.upsertUser(manager, invitation, existing, name, passwordHash);
        await this.grantMembership(manager, invitation, user.id);
        await manager.getRepository(Invitation).update({ id: invitation.id }, { acceptedUserId: user.id });
        const issued = await this.sessions.openForSignIn(manager, user, meta, 'invitation');
        await this.audit.record(
          {
            action: 'invitation.accepted',
            agencyId: invitation.agencyId,
            actorUserId: user.id,
            targetType: 'invitation',
            targetId: invitation.id,
            meta,
          },
          manager,
        );
        return { userId: user.id, tokens: issued };
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new GoneException(goneMessage('accepted'));
        throw error;
      });

    const requestedClient = invitation.clientId ?? undefined;
    const context = await this.contexts.forUser(userId, tokens.sessionId, meta, requestedClient);
    if (!context) throw new GoneException(goneMessage('revoked'));
    return { tokens, context };
  }

  /** Revokes every open invitation to a client (the client is being deleted). */
  async revokeAllForClient(manager: EntityManager, agencyId: string, clientId: string): Promise<void> {
    await manager.getRepository(Invitation).update({ agencyId, clientId, status: 'pending' }, { status: 'revoked' });
  }

  private async upsertUser(
    manager: EntityManager,
    invitation: Invitation,
    existing: User | null,
    name: string,
    passwordHash: string | null,
  ): Promise<User> {
    const repository = manager.getRepository(User);
    if (existing) {
      await repository.update(
        { id: existing.id },
        {
          name,
          status: 'active',
          emailConfirmedAt: existing.emailConfirmedAt ?? new Date(),
          ...(passwordHash ? { passwordHash } : {}),
        },
      );
      return repository.findOneByOrFail({ id: existing.id });
    }
    return repository.save(
      repository.create({
        agencyId: invitation.agencyId,
        kind: invitation.audience,
        email: invitation.email,
        name,
        passwordHash,
        // Following the emailed link proved the address.
        emailConfirmedAt: new Date(),
        lastLoginAt: null,
      }),
    );
  }

  private async grantMembership(manager: EntityManager, invitation: Invitation, userId: string): Promise<void> {
    if (invitation.audience === 'client' && invitation.clientId) {
      const repository = manager.getRepository(ClientMembership);
      const current = await repository.findOneBy({ clientId: invitation.clientId, userId });
      if (current) {
        await repository.update(
          { id: current.id },
          { status: 'active', role: invitation.role as ClientMembership['role'] },
        );
      } else {
        await repository.save(
          repository.create({
            agencyId: invitation.agencyId,
            clientId: invitation.clientId,
            userId,
            role: invitation.role as ClientMembership['role'],
          }),
        );
      }
      return;
    }
    const repository = manager.getRepository(AgencyMembership);
    const current = await repository.findOneBy({ agencyId: invitation.agencyId, userId });
    if (current) {
      await repository.update(
        { id: current.id },
        { status: 'active', role: invitation.role as AgencyMembership['role'] },
      );
    } else {
      await repository.save(
        repository.create({ agencyId: invitation.agencyId, userId, role: invitation.role as AgencyMembership['role'] }),
      );
    }
  }

  /**
   * Refuses addresses that are already in: an active member of this client or team, or a person of
   * this agency on the other side (agency user vs client user). An address that has an account in
   * another agency is invited like any other: saying so here would tell one agency who uses
   * another. Accepting then fails with a conflict that only the mailbox owner sees.
   */
  private async assertInvitable(agencyId: string, target: InvitationTarget, email: string): Promise<void> {
    const user = await this.db.getRepository(User).findOneBy({ email, agencyId });
    if (!user) return;
    const audience: Audience = target.audience;
    if (user.kind !== audience) {
      throw new ConflictException(
        audience === 'client'
          ? 'This person is on your agency team; agency users cannot also be client users.'
          : 'This person is a client user of your agency; client users cannot also join your team.',
      );
    }
    const active =
      target.audience === 'client'
        ? await this.db
            .getRepository(ClientMembership)
            .findOneBy({ clientId: target.clientId, userId: user.id, status: 'active' })
        : await this.db.getRepository(AgencyMembership).findOneBy({ agencyId, userId: user.id, status: 'active' });
    if (active && user.status === 'active') {
      throw new ConflictException(
        target.audience === 'client'
          ? 'This person is already a user of this client.'
          : 'This person is already on your team.',
      );
    }
  }

  private async limitEmails(agencyId: string, recipient: string): Promise<void> {
    await this.rateLimits.consume([
      { rule: RATE_LIMITS.invitePerAgency, subject: agencyId },
      { rule: RATE_LIMITS.invitePerRecipient, subject: `${agencyId}:${recipient}` },
    ]);
  }

  private async liveClient(agencyId: string, clientId: string): Promise<Client> {
    const client = await this.db.getRepository(Client).findOneBy({ id: clientId, agencyId, deletedAt: IsNull() });
    if (!client) throw new NotFoundException('Client not found');
    return client;
  }

  private async findOpen(
    manager: EntityManager,
    agencyId: string,
    target: InvitationTarget,
    id: string,
  ): Promise<Invitation> {
    const invitation = await manager.getRepository(Invitation).findOneBy({
      id,
      agencyId,
      audience: target.audience,
      clientId: target.audience === 'client' ? target.clientId : IsNull(),
      status: 'pending',
    });
    if (!invitation) throw new NotFoundException('Invitation not found');
    return invitation;
  }

  private async byToken(token: string): Promise<Invitation> {
    const invitation =
      typeof token === 'string' && token.length >= 20 && token.length <= 200
        ? await this.db.getRepository(Invitation).findOneBy({ tokenHash: hashToken(token) })
        : null;
    if (!invitation) {
      throw new NotFoundException(
        'This invitation link is no longer valid. Ask the person who invited you to send a new one.',
      );
    }
    return invitation;
  }

  private previewStatus(invitation: Invitation): InvitationPreview['status'] {
    if (invitation.status !== 'pending') return invitation.status;
    return invitation.expiresAt.getTime() <= Date.now() ? 'expired' : 'pending';
  }

  private async queueEmail(
    manager: EntityManager,
    invitation: Invitation,
    token: string,
    inviterId: string,
  ): Promise<string> {
    const agency = await manager.getRepository(Agency).findOneByOrFail({ id: invitation.agencyId });
    const client = invitation.clientId
      ? await manager.getRepository(Client).findOneBy({ id: invitation.clientId })
      : null;
    const inviter = await manager.getRepository(User).findOneBy({ id: inviterId, agencyId: invitation.agencyId });
    return this.mail.queue(manager, {
      to: invitation.email,
      agencyId: invitation.agencyId,
      ...invitationEmail(this.config.appUrl, {
        name: invitation.name,
        agencyName: agency.name,
        clientName: client?.name ?? null,
        inviterName: inviter?.name ?? null,
        token,
      }),
    });
  }
}

function goneMessage(status: 'expired' | 'revoked' | 'accepted' | 'pending'): string {
  switch (status) {
    case 'expired':
      return 'This invitation has expired. Ask the person who invited you to send a new one.';
    case 'revoked':
      return 'This invitation was cancelled. Ask the person who invited you if you still need access.';
    default:
      return 'This invitation was already accepted. Sign in with your email and password.';
  }
}
