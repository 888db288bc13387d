import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { In } from 'typeorm';
import { WEB_PATHS, type BulkResult, type MagicLinkResponse } from '@atrium/shared';
import { AuditService } from '../../core/audit/audit.service';
import type { RequestMeta } from '../../core/auth/request-context';
import { brandedActionEmail } from '../../core/mail/mail-templates';
import { MailService, type OutgoingEmail } from '../../core/mail/mail.service';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import { ContextLoader } from '../../core/tenancy/context-loader.service';
import { WorkspaceSuspendedException } from '../../core/tenancy/workspace-suspended.exception';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import type { Actor, TenantScope } from '../../core/tenancy/tenant-scope';
import { AccountMailService } from '../auth/account-mail.service';
import type { SignInOutcome } from '../auth/auth.service';
import { withToken } from '../auth/auth-emails';
import { OneTimeTokenService, TOKEN_TTL_MS } from '../auth/one-time-token.service';
import { SessionService } from '../auth/session.service';
import { BrandingService, type EmailBrand } from '../branding/branding.service';
import { PortalAddressService } from '../domains/portal-address.service';
import { TwoFactorChallenges } from '../two-factor/two-factor-challenges.service';
import { CLIENT_USER_SIGN_IN } from './magic-links.access';

/**
 * Passwordless sign-in for client users (SPEC §2, seed 003): a 15-minute, single-use link that the
 * agency copies or emails ("login email"). Only the newest link of a person works; the agency can
 * revoke outstanding links; the link is spent by an explicit POST from the page it opens. The
 * agency acts with its agency scope: client users are the agency's users.
 */
@Injectable()
export class MagicLinksService {
  constructor(
    private readonly tenant: TenantData,
    private readonly tokens: OneTimeTokenService,
    private readonly sessions: SessionService,
    private readonly contexts: ContextLoader,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly rateLimits: RateLimitService,
    private readonly branding: BrandingService,
    private readonly addresses: PortalAddressService,
    private readonly accountMail: AccountMailService,
    private readonly twoFactor: TwoFactorChallenges,
  ) {}

  async issueLink(actor: Actor, userId: string): Promise<MagicLinkResponse> {
    const user = await this.clientUser(actor.scope, userId);
    return this.tenant.transaction(async (tx) => {
      const token = await this.tokens.issue(tx, user.id, user.email, 'magic_link');
      await this.audit.recordFor(actor, { action: 'magic_link.issued', targetType: 'user', targetId: user.id }, tx);
      return {
        url: await this.url(user.agencyId, token),
        expiresAt: new Date(Date.now() + TOKEN_TTL_MS.magic_link).toISOString(),
      };
    });
  }

  /**
   * The "login email": a one-click sign-in button, to one or many selected client users. A person
   * who already got their share of sign-in emails this hour (RATE_LIMITS.emailSignInLinkPerRecipient,
   * whoever sent them) gets none and is listed as skipped, like a person without access.
   *
   * Set-based, so a thousand people cost a handful of statements: one read of who may get one,
   * the per-recipient counts in parallel, the brand and portal address once, then in one
   * transaction one UPDATE and multi-row INSERTs for the tokens, the outbox and the audit trail,
   * and after the commit one enqueue for the batch.
   */
  async sendLoginEmails(actor: Actor, userIds: string[]): Promise<BulkResult> {
    const candidates = await this.eligibleClientUsers(actor.scope, userIds);
    const withinLimit = await this.accountMail.withinLimitEach(
      RATE_LIMITS.emailSignInLinkPerRecipient,
      candidates.map((user) => user.email),
    );
    const recipients = candidates.filter((_, i) => withinLimit[i]);
    if (recipients.length > 0) {
      const agency = await this.tenant.findOwned(actor.scope, Agency, actor.scope.agencyId);
      const brand = await this.branding.brandForEmails(agency.id);
      const emailIds = await this.tenant.transaction(async (tx) => {
        const tokens = await this.tokens.issueMany(
          tx,
          recipients.map((user) => ({ userId: user.id, email: user.email })),
          'magic_link',
        );
        const ids = await this.mail.queueMany(
          tx,
          recipients.map((user, i) => loginEmail(agency, brand, user, tokens[i])),
        );
        await this.audit.recordManyFor(
          actor,
          recipients.map((user) => ({ action: 'magic_link.emailed', targetType: 'user', targetId: user.id })),
          tx,
        );
        return ids;
      });
      await this.mail.dispatch(emailIds);
    }
    const done = new Set(recipients.map((u) => u.id));
    return { done: done.size, skipped: userIds.filter((id) => !done.has(id)) };
  }

  async revoke(actor: Actor, userId: string): Promise<void> {
    const user = await this.clientUser(actor.scope, userId);
    await this.tenant.transaction(async (tx) => {
      await this.tokens.spendMagicLinks(tx, user.id);
      await this.audit.recordFor(actor, { action: 'magic_link.revoked', targetType: 'user', targetId: user.id }, tx);
    });
  }

  /**
   * Spends a link and signs its person in. The token (per user, not per tenant) is found by its
   * hash before any tenant is known; the person it names must still be an active client user.
   */
  async spend(token: string, meta: RequestMeta): Promise<SignInOutcome> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.tokenPerIp, subject: meta.ip }]);
    const invalid = () =>
      new BadRequestException(
        'This sign-in link is invalid, has expired or was already used. Ask for a new one or sign in with your password.',
      );
    // A contract's, an unread-messages or a billing email's one-click sign-in is a magic link that lasts longer (see TOKEN_TTL_MS).
    const spent = await this.tenant.transaction((tx) =>
      this.tokens.consume(tx, token, ['magic_link', 'contract_link', 'message_link', 'invoice_link']),
    );
    if (!spent) throw invalid();
    const user = await this.tenant
      .unscoped('magic link: the spent token names a user, whose agency is not known until the user is read')
      .getRepository(User)
      .findOneBy({ id: spent.userId, status: 'active', kind: 'client' });
    if (!user || user.email !== spent.email) throw invalid();
    // On an agency's custom domain only its own client users sign in; anyone else's link is just invalid.
    if (meta.portalHost && user.agencyId !== meta.portalHost.agencyId) throw invalid();
    if (!(await this.contexts.forUser(user.id, 'pending', meta))) {
      const suspendedAs = await this.contexts.suspendedAudience(user.id, meta);
      throw suspendedAs ? new WorkspaceSuspendedException(suspendedAs) : invalid();
    }
    const challenge = await this.twoFactor.challengeFor(this.tenant, user, meta, 'magic_link');
    if (challenge) return challenge;
    const tokens = await this.tenant.transaction((tx) => this.sessions.openForSignIn(tx, user, meta, 'magic_link'));
    const context = await this.contexts.forUser(user.id, tokens.sessionId, meta);
    if (!context) {
      await this.sessions.revoke(tokens.sessionId, 'access_revoked');
      throw invalid();
    }
    return { tokens, context };
  }

  /** The link opens the branded sign-in on the agency's portal address (custom domain, else slug address). */
  private url(agencyId: string, token: string): Promise<string> {
    return this.addresses.link(agencyId, withToken(WEB_PATHS.magicLink, token));
  }

  /** A client user of the scope who still has access; anything else is 404 like an unknown id. */
  private async clientUser(scope: TenantScope, userId: string): Promise<ClientUser> {
    const [user] = await this.eligibleClientUsers(scope, [userId]);
    if (!user) throw new NotFoundException('User not found');
    return user;
  }

  /**
   * Of `userIds`, the scope's client users who may get a sign-in link (CLIENT_USER_SIGN_IN) and
   * still have an active client membership, in one query; others are skipped. The membership is
   * matched to the person and the person's agency, which the scope has already fixed.
   */
  private async eligibleClientUsers(scope: TenantScope, userIds: readonly string[]): Promise<ClientUser[]> {
    if (userIds.length === 0) return [];
    return this.tenant
      .query(scope, User, 'person')
      .select(['person.id', 'person.agencyId', 'person.email', 'person.name'])
      .where({ ...CLIENT_USER_SIGN_IN.where, id: In([...new Set(userIds)]) })
      .andWhere(
        (outer) =>
          `EXISTS ${outer
            .subQuery()
            .select('1')
            .from(ClientMembership, 'membership')
            .where('membership.userId = person.id')
            .andWhere('membership.agencyId = person.agencyId')
            .andWhere('membership.status = :activeMembership')
            .getQuery()}`,
        { activeMembership: 'active' },
      )
      .getMany();
  }
}

/** What a sign-in link and its email need of a client user. */
type ClientUser = Pick<User, 'id' | 'agencyId' | 'email' | 'name'>;

/** The "login email", in the agency's brand: the person is a client user. */
function loginEmail(agency: Agency, brand: EmailBrand, user: ClientUser, token: string): OutgoingEmail {
  return {
    to: user.email,
    agencyId: agency.id,
    ...brandedActionEmail(brand, {
      subject: `Your sign-in link for ${brand.portalName}`,
      greeting: `Hi ${user.name},`,
      paragraphs: [`${agency.name} sent you a link to sign in to ${brand.portalName} without a password.`],
      // The brand carries the portal address (custom domain, else slug address): read once per batch.
      action: { label: 'Sign in to the portal', url: `${brand.portalUrl}${withToken(WEB_PATHS.magicLink, token)}` },
      footer: 'The link works once and expires in 15 minutes. If you did not expect it, you can ignore this email.',
    }),
  };
}
