import {
  ConflictException,
  GoneException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { FindOptionsWhere, In, IsNull, MoreThan } from 'typeorm';
import { WEB_PATHS, type Audience, type InvitationPreview, type MemberRow } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import type { RequestMeta } from '../../core/auth/request-context';
import { isUniqueViolation } from '../../core/database/errors';
import { MailService } from '../../core/mail/mail.service';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import { ContextLoader } from '../../core/tenancy/context-loader.service';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { Client } from '../../core/tenancy/entities/client.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData, type TenantDataAccess, type TenantTransaction } from '../../core/tenancy/tenant-data';
import { agencyScope, type Actor, type AgencyScope, type TenantScope } from '../../core/tenancy/tenant-scope';
import { EntitlementsService } from '../agencies/entitlements.service';
import { BrandingService } from '../branding/branding.service';
import { PortalAddressService } from '../domains/portal-address.service';
import { TwoFactorChallenges } from '../two-factor/two-factor-challenges.service';
import type { SignInOutcome } from '../auth/auth.service';
import { withToken } from '../auth/auth-emails';
import { OneTimeTokenService, TOKEN_TTL_MS } from '../auth/one-time-token.service';
import { PasswordService } from '../auth/password.service';
import { SessionService } from '../auth/session.service';
import { hashToken, newSecretToken } from '../auth/token-hash';
import { Invitation } from './entities/invitation.entity';
import { clientInvitationEmail, invitationEmail } from './invitation-emails';
import { toInvitationRow } from './invitation-row';

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
 *
 * The agency invites with its agency scope (to the team or any of its clients); a client admin
 * with their client scope, which reaches their own client's invitations only.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly entitlements: EntitlementsService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly contexts: ContextLoader,
    private readonly rateLimits: RateLimitService,
    private readonly branding: BrandingService,
    private readonly addresses: PortalAddressService,
    private readonly tokens: OneTimeTokenService,
    private readonly twoFactor: TwoFactorChallenges,
  ) {}

  async invite(actor: Actor, target: InvitationTarget, input: InviteInput): Promise<MemberRow<string>> {
    const { scope } = actor;
    await this.entitlements.assertCanInvite(scope, target.audience);
    await this.limitEmails(scope.agencyId, input.email);
    const clientId = clientIdOf(target);
    if (clientId) await this.tenant.liveClient(scope, clientId);
    await this.assertInvitable(scope, target, input.email);

    const token = newSecretToken();
    const look = await this.clientEmailLook(scope.agencyId, target.audience, token);
    const emailIds: string[] = [];
    const invitation = await this.tenant.transaction(async (tx) => {
      // Inviting the same address again replaces the open invitation rather than adding a second one.
      await tx.updateOwned(
        scope,
        Invitation,
        { clientId: clientId ?? IsNull(), email: input.email, status: 'pending' },
        { status: 'revoked' },
      );
      const created = await tx.insertOwned(scope, Invitation, {
        clientId,
        audience: target.audience,
        email: input.email,
        name: input.name,
        role: input.role,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + TOKEN_TTL_MS.invitation),
        invitedByUserId: actor.userId,
      });
      emailIds.push(await this.queueEmail(tx, created, token, actor.userId, look));
      await this.audit.recordFor(
        actor,
        {
          action: 'invitation.sent',
          targetType: 'invitation',
          targetId: created.id,
          details: { audience: target.audience, clientId, role: input.role },
        },
        tx,
      );
      return created;
    });
    await this.mail.dispatch(emailIds);
    return toInvitationRow(invitation);
  }

  /** A new link (7 more days); the old link stops working. For pending and expired invitations. */
  async resend(actor: Actor, target: InvitationTarget, invitationId: string): Promise<MemberRow<string>> {
    const { scope } = actor;
    await this.entitlements.assertCanInvite(scope, target.audience);
    const open = await this.findOpen(this.tenant, scope, target, invitationId);
    await this.limitEmails(scope.agencyId, open.email);
    const token = newSecretToken();
    const look = await this.clientEmailLook(scope.agencyId, target.audience, token);
    const emailIds: string[] = [];
    const invitation = await this.tenant.transaction(async (tx) => {
      const invitation = await this.findOpen(tx, scope, target, invitationId);
      invitation.tokenHash = hashToken(token);
      invitation.expiresAt = new Date(Date.now() + TOKEN_TTL_MS.invitation);
      invitation.updatedAt = new Date();
      await tx.updateOwned(
        scope,
        Invitation,
        { id: invitation.id },
        { tokenHash: invitation.tokenHash, expiresAt: invitation.expiresAt, updatedAt: invitation.updatedAt },
      );
      emailIds.push(await this.queueEmail(tx, invitation, token, actor.userId, look));
      await this.audit.recordFor(
        actor,
        { action: 'invitation.resent', targetType: 'invitation', targetId: invitation.id },
        tx,
      );
      return invitation;
    });
    await this.mail.dispatch(emailIds);
    return toInvitationRow(invitation);
  }

  async revoke(actor: Actor, target: InvitationTarget, invitationId: string): Promise<void> {
    await this.tenant.transaction(async (tx) => {
      const invitation = await this.findOpen(tx, actor.scope, target, invitationId);
      await tx.updateOwned(actor.scope, Invitation, { id: invitation.id }, { status: 'revoked' });
      await this.audit.recordFor(
        actor,
        { action: 'invitation.revoked', targetType: 'invitation', targetId: invitation.id },
        tx,
      );
    });
  }

  /** The open invitations to a client or to the team, as rows of its people list (expired ones included). */
  async openRows(scope: TenantScope, target: InvitationTarget): Promise<MemberRow<string>[]> {
    const where: FindOptionsWhere<Invitation> =
      target.audience === 'client'
        ? { clientId: target.clientId, status: 'pending' }
        : { audience: 'agency', status: 'pending' };
    return (await this.tenant.listOwned(scope, Invitation, { where })).map(toInvitationRow);
  }

  /** How many invitations to each client are open and not yet expired (the clients list's "invited"). */
  async countOpenByClient(scope: TenantScope, clientIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (clientIds.length === 0) return counts;
    const open = await this.tenant.listOwned(scope, Invitation, {
      where: { clientId: In(clientIds), status: 'pending', expiresAt: MoreThan(new Date()) },
    });
    for (const { clientId } of open) if (clientId) counts.set(clientId, (counts.get(clientId) ?? 0) + 1);
    return counts;
  }

  /** Who is invited to which of these clients, open and not yet expired (the dashboard counts people). */
  async openInvitees(scope: TenantScope, clientIds: string[]): Promise<Array<{ clientId: string; email: string }>> {
    if (clientIds.length === 0) return [];
    const open = await this.tenant.listOwned(scope, Invitation, {
      where: { audience: 'client', clientId: In(clientIds), status: 'pending', expiresAt: MoreThan(new Date()) },
    });
    return open.flatMap(({ clientId, email }) => (clientId ? [{ clientId, email }] : []));
  }

  /** What the invitation page shows. Looking does not spend the link. */
  async preview(token: string, meta: RequestMeta): Promise<InvitationPreview> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.tokenPerIp, subject: meta.ip }]);
    const invitation = await this.byToken(token, meta);
    const scope = agencyScope(invitation.agencyId);
    const agency = await this.tenant.findOwned(scope, Agency, invitation.agencyId);
    const client = invitation.clientId ? await this.tenant.findOwnedOrNull(scope, Client, invitation.clientId) : null;
    const found = await this.accountOf(invitation.email);
    // An unconfirmed squatter is no account of the invitee's: the page asks for a new password.
    const existing = found && isUnprovenElsewhere(found, invitation) ? null : found;
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

  async accept(token: string, name: string, password: string, meta: RequestMeta): Promise<SignInOutcome> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.tokenPerIp, subject: meta.ip }]);
    const invitation = await this.byToken(token, meta);
    const status = this.previewStatus(invitation);
    if (status !== 'pending') throw new GoneException(goneMessage(status));
    // From here on the invitation names the tenant: everything is read and written within its agency.
    const scope = agencyScope(invitation.agencyId);
    if (invitation.clientId)
      await this.tenant.liveClient(scope, invitation.clientId).catch(() => {
        throw new GoneException(goneMessage('revoked'));
      });

    const found = await this.accountOf(invitation.email);
    // An unconfirmed sign-up elsewhere never blocks the person who proves the address (see releaseAddress).
    const squatter = found && isUnprovenElsewhere(found, invitation) ? found : null;
    const existing = squatter ? null : found;
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

    const { userId, opened } = await this.tenant
      .transaction(async (tx) => {
        // The conditional update is the single winner of two concurrent accepts.
        const won = await tx.updateOwned(
          scope,
          Invitation,
          { id: invitation.id, tokenHash: hashToken(token), status: 'pending' },
          { status: 'accepted', acceptedAt: new Date() },
        );
        if (won !== 1) throw new GoneException(goneMessage('accepted'));

        if (squatter) await this.releaseAddress(tx, squatter, invitation, meta);
        const user = await this.upsertUser(tx, scope, invitation, existing, name, passwordHash);
        await this.grantMembership(tx, scope, invitation, user.id);
        await tx.updateOwned(scope, Invitation, { id: invitation.id }, { acceptedUserId: user.id });
        // A second factor first when the user has one or the agency requires it: the invitation is accepted either way.
        const opened =
          (await this.twoFactor.challengeFor(tx, user, meta, 'invitation')) ??
          (await this.sessions.openForSignIn(tx, user, meta, 'invitation'));
        await this.audit.recordFor(
          { scope, userId: user.id, ip: meta.ip, userAgent: meta.userAgent },
          { action: 'invitation.accepted', targetType: 'invitation', targetId: invitation.id },
          tx,
        );
        return { userId: user.id, opened };
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new GoneException(goneMessage('accepted'));
        throw error;
      });

    if ('twoFactor' in opened) return opened;
    const requestedClient = invitation.clientId ?? undefined;
    const context = await this.contexts.forUser(userId, opened.sessionId, meta, requestedClient);
    if (!context) throw new GoneException(goneMessage('revoked'));
    return { tokens: opened, context };
  }

  /**
   * Frees an address from an account that never confirmed it, for the invitee who just proved it by
   * following the emailed link. The unconfirmed account is not deleted (it may hold data, and its
   * agency and audit rows stay consistent); it is retired: its address becomes a never-deliverable
   * placeholder (`.invalid`, RFC 2606), the user is deactivated, its sessions end and its emailed
   * links die. Nobody could sign in to it any more: it only ever had the address it never proved.
   * If it confirmed the address in the meantime, it keeps it and the invitee gets the usual conflict.
   */
  private async releaseAddress(
    tx: TenantTransaction,
    squatter: User,
    invitation: Invitation,
    meta: RequestMeta,
  ): Promise<void> {
    const released = await tx
      .unscoped('invitation: the unconfirmed account holding the invited address belongs to another agency')
      .getRepository(User)
      .update(
        { id: squatter.id, email: squatter.email, emailConfirmedAt: IsNull() },
        { email: `released-${squatter.id}@atrium.invalid`, status: 'deactivated', pendingEmail: null },
      );
    if (released.affected !== 1)
      throw new ConflictException('This email address already has an Atrium account elsewhere.');
    await this.sessions.revokeAllForUser(squatter.id, 'address_released', tx);
    await this.tokens.spendAccountLinks(tx, squatter.id);
    await this.audit.recordFor(
      { scope: agencyScope(squatter.agencyId), userId: null, ip: meta.ip, userAgent: meta.userAgent },
      {
        action: 'auth.unconfirmed_account_released',
        targetType: 'user',
        targetId: squatter.id,
        details: { reason: 'invitee_proved_address', invitationId: invitation.id },
      },
      tx,
    );
  }

  /** Revokes every open invitation to a client (the client is being deleted). */
  async revokeAllForClient(tx: TenantDataAccess, scope: TenantScope, clientId: string): Promise<void> {
    await tx.updateOwned(scope, Invitation, { clientId, status: 'pending' }, { status: 'revoked' });
  }

  /**
   * Revokes the open invitations a client admin sent to their client, when they lose the right to
   * send them (removed or made a member), so nobody joins on the authority of someone who no longer has it.
   */
  async revokeSentBy(tx: TenantDataAccess, scope: TenantScope, clientId: string, userId: string): Promise<void> {
    await tx.updateOwned(
      scope,
      Invitation,
      { clientId, invitedByUserId: userId, status: 'pending' },
      { status: 'revoked' },
    );
  }

  private async upsertUser(
    tx: TenantTransaction,
    scope: AgencyScope,
    invitation: Invitation,
    existing: User | null,
    name: string,
    passwordHash: string | null,
  ): Promise<User> {
    if (existing) {
      await tx.updateOwned(
        scope,
        User,
        { id: existing.id },
        {
          name,
          status: 'active',
          emailConfirmedAt: existing.emailConfirmedAt ?? new Date(),
          ...(passwordHash ? { passwordHash } : {}),
        },
      );
      return tx.findOwned(scope, User, existing.id);
    }
    return tx.insertOwned(scope, User, {
      kind: invitation.audience,
      email: invitation.email,
      name,
      passwordHash,
      // Following the emailed link proved the address.
      emailConfirmedAt: new Date(),
      lastLoginAt: null,
    });
  }

  private async grantMembership(
    tx: TenantTransaction,
    scope: AgencyScope,
    invitation: Invitation,
    userId: string,
  ): Promise<void> {
    if (invitation.audience === 'client' && invitation.clientId) {
      const role = invitation.role as ClientMembership['role'];
      const current = await tx.findOneOwned(scope, ClientMembership, {
        where: { clientId: invitation.clientId, userId },
      });
      if (current) await tx.updateOwned(scope, ClientMembership, { id: current.id }, { status: 'active', role });
      else await tx.insertOwned(scope, ClientMembership, { clientId: invitation.clientId, userId, role });
      return;
    }
    const role = invitation.role as AgencyMembership['role'];
    const current = await tx.findOneOwned(scope, AgencyMembership, { where: { userId } });
    if (current) await tx.updateOwned(scope, AgencyMembership, { id: current.id }, { status: 'active', role });
    else await tx.insertOwned(scope, AgencyMembership, { userId, role });
  }

  /**
   * Refuses addresses that are already in: an active member of this client or team, or a person of
   * this agency on the other side (agency user vs client user). An address that has an account in
   * another agency is invited like any other: saying so here would tell one agency who uses
   * another. Accepting then fails with a conflict that only the mailbox owner sees.
   */
  private async assertInvitable(scope: TenantScope, target: InvitationTarget, email: string): Promise<void> {
    // Who the address is in this agency is an agency-wide question, also when a client admin
    // invites: users belong to the agency as a whole, which a client scope cannot read.
    const user = await this.tenant.findOneOwned(agencyScope(scope.agencyId), User, { where: { email } });
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
        ? await this.tenant.findOneOwned(scope, ClientMembership, {
            where: { clientId: target.clientId, userId: user.id, status: 'active' },
          })
        : await this.tenant.findOneOwned(scope, AgencyMembership, { where: { userId: user.id, status: 'active' } });
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

  private async findOpen(
    db: TenantDataAccess,
    scope: TenantScope,
    target: InvitationTarget,
    id: string,
  ): Promise<Invitation> {
    const clientId = clientIdOf(target);
    const invitation = await db.findOwnedOrNull(scope, Invitation, id, {
      where: { audience: target.audience, clientId: clientId ?? IsNull(), status: 'pending' },
    });
    if (!invitation) throw new NotFoundException('Invitation not found');
    return invitation;
  }

  /**
   * The invitation a link names. On an agency's custom domain only that agency's invitations of
   * client users exist: any other answers exactly like an unknown link, and is not spent.
   */
  private async byToken(token: string, meta: RequestMeta): Promise<Invitation> {
    const found =
      typeof token === 'string' && token.length >= 20 && token.length <= 200
        ? await this.tenant
            .unscoped('invitation link: the token hash finds the invitation, which then names the tenant')
            .getRepository(Invitation)
            .findOneBy({ tokenHash: hashToken(token) })
        : null;
    const host = meta.portalHost;
    const invitation = host && (found?.agencyId !== host.agencyId || found.audience !== 'client') ? null : found;
    if (!invitation) {
      throw new NotFoundException(
        'This invitation link is no longer valid. Ask the person who invited you to send a new one.',
      );
    }
    return invitation;
  }

  /** The account an invited address already has, if any: in this agency, or in another one (a conflict). */
  private async accountOf(email: string): Promise<User | null> {
    return this.tenant
      .unscoped('invitation: an email address is unique across agencies, so its account may be in another one')
      .getRepository(User)
      .findOneBy({ email });
  }

  private previewStatus(invitation: Invitation): InvitationPreview['status'] {
    if (invitation.status !== 'pending') return invitation.status;
    return invitation.expiresAt.getTime() <= Date.now() ? 'expired' : 'pending';
  }

  /**
   * What a client invitation email needs from outside the invitation's transaction (the brand and
   * the link on the portal address), read BEFORE it starts: those reads take their own database
   * connection, and a transaction waiting on a second connection can exhaust the pool under a
   * burst of invitations. Null for team invitations, which are Atrium's.
   */
  private async clientEmailLook(agencyId: string, audience: Invitation['audience'], token: string) {
    if (audience !== 'client') return null;
    return {
      brand: await this.branding.brandForEmails(agencyId),
      url: await this.addresses.link(agencyId, withToken(WEB_PATHS.acceptInvitation, token)),
    };
  }

  private async queueEmail(
    tx: TenantTransaction,
    invitation: Invitation,
    token: string,
    inviterId: string | null,
    look: Awaited<ReturnType<InvitationsService['clientEmailLook']>>,
  ): Promise<string> {
    // The email names the agency and the inviter, agency-level rows: read within the invitation's
    // agency also when a client admin invites (a client scope cannot read users).
    const scope = agencyScope(invitation.agencyId);
    const agency = await tx.findOwned(scope, Agency, invitation.agencyId);
    const client = invitation.clientId ? await tx.findOwnedOrNull(scope, Client, invitation.clientId) : null;
    const inviter = inviterId ? await tx.findOwnedOrNull(scope, User, inviterId) : null;
    const facts = { name: invitation.name, agencyName: agency.name, inviterName: inviter?.name ?? null };
    // A client user is invited in the agency's brand, to its portal address; a team member to Atrium.
    const content = look
      ? clientInvitationEmail(look.brand, { ...facts, clientName: client?.name ?? agency.name, url: look.url })
      : invitationEmail(this.config.appUrl, { ...facts, clientName: client?.name ?? null, token });
    return this.mail.queue(tx, { to: invitation.email, agencyId: invitation.agencyId, ...content });
  }
}

/**
 * An account that never confirmed its address, outside the invitation's agency and audience: a
 * sign-up anyone could have made with someone else's address. It must not lock the invitee out.
 */
function isUnprovenElsewhere(account: User, invitation: Invitation): boolean {
  const elsewhere = account.agencyId !== invitation.agencyId || account.kind !== invitation.audience;
  return elsewhere && account.emailConfirmedAt === null;
}

function clientIdOf(target: InvitationTarget): string | null {
  return target.audience === 'client' ? target.clientId : null;
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
