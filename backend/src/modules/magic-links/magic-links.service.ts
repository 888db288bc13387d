import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { WEB_PATHS, type BulkResult, type MagicLinkResponse } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import { ContextLoader } from '../../core/tenancy/context-loader.service';
import type { AgencyContext, RequestMeta } from '../../core/auth/request-context';
import { actionEmail } from '../../core/mail/mail-templates';
import { MailService } from '../../core/mail/mail.service';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import type { SignedIn } from '../auth/auth.service';
import { OneTimeToken } from '../auth/entities/one-time-token.entity';
import { OneTimeTokenService, TOKEN_TTL_MS } from '../auth/one-time-token.service';
import { SessionService } from '../auth/session.service';
import { ClientMembership } from '../../core/tenancy/entities/client-membership.entity';
import { User } from '../../core/tenancy/entities/user.entity';

/**
 * Passwordless sign-in for client users (SPEC §2, seed 003): a 15-minute, single-use link that the
 * agency copies or emails ("login email"). Only the newest link of a person works; the agency can
 * revoke outstanding links; the link is spent by an explicit POST from the page it opens.
 */
@Injectable()
export class MagicLinksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: OneTimeTokenService,
    private readonly sessions: SessionService,
    private readonly contexts: ContextLoader,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly rateLimits: RateLimitService,
  ) {}

  async issueLink(ctx: AgencyContext, userId: string): Promise<MagicLinkResponse> {
    const user = await this.clientUser(ctx.agencyId, userId);
    return this.db.transaction(async (manager) => {
      const token = await this.tokens.issue(manager, user.id, user.email, 'magic_link');
      await this.audit.record(
        {
          action: 'magic_link.issued',
          agencyId: ctx.agencyId,
          actorUserId: ctx.userId,
          targetType: 'user',
          targetId: user.id,
          meta: ctx,
        },
        manager,
      );
      return { url: this.url(token), expiresAt: new Date(Date.now() + TOKEN_TTL_MS.magic_link).toISOString() };
    });
  }

  /** The "login email": a one-click sign-in button, to one or many selected client users. */
  async sendLoginEmails(ctx: AgencyContext, userIds: string[]): Promise<BulkResult> {
    const eligible = await this.eligibleClientUsers(ctx.agencyId, userIds);
    const agency = await this.db.getRepository(Agency).findOneByOrFail({ id: ctx.agencyId });
    const emailIds: string[] = [];
    await this.db.transaction(async (manager) => {
      for (const user of eligible) {
        const token = await this.tokens.issue(manager, user.id, user.email, 'magic_link');
        emailIds.push(await this.queueLoginEmail(manager, agency, user, token));
        await this.audit.record(
          {
            action: 'magic_link.emailed',
            agencyId: ctx.agencyId,
            actorUserId: ctx.userId,
            targetType: 'user',
            targetId: user.id,
            meta: ctx,
          },
          manager,
        );
      }
    });
    await this.mail.dispatch(emailIds);
    const done = new Set(eligible.map((u) => u.id));
    return { done: done.size, skipped: userIds.filter((id) => !done.has(id)) };
  }

  async revoke(ctx: AgencyContext, userId: string): Promise<void> {
    const user = await this.clientUser(ctx.agencyId, userId);
    await this.db.transaction(async (manager) => {
      await manager
        .getRepository(OneTimeToken)
        .update({ userId: user.id, purpose: 'magic_link', usedAt: IsNull() }, { usedAt: new Date() });
      await this.audit.record(
        {
          action: 'magic_link.revoked',
          agencyId: ctx.agencyId,
          actorUserId: ctx.userId,
          targetType: 'user',
          targetId: user.id,
          meta: ctx,
        },
        manager,
      );
    });
  }

  async spend(token: string, meta: RequestMeta): Promise<SignedIn> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.tokenPerIp, subject: meta.ip }]);
    const invalid = () =>
      new BadRequestException(
        'This sign-in link is invalid, has expired or was already used. Ask for a new one or sign in with your password.',
      );
    const spent = await this.db.transaction((manager) => this.tokens.consume(manager, token, 'magic_link'));
    if (!spent) throw invalid();
    const user = await this.db.getRepository(User).findOneBy({ id: spent.userId, status: 'active', kind: 'client' });
    if (!user || user.email !== spent.email) throw invalid();
    const tokens = await this.db.transaction((manager) =>
      this.sessions.openForSignIn(manager, user, meta, 'magic_link'),
    );
    const context = await this.contexts.forUser(user.id, tokens.sessionId, meta);
    if (!context) {
      await this.sessions.revoke(tokens.sessionId, 'access_revoked');
      throw invalid();
    }
    return { tokens, context };
  }

  private url(token: string): string {
    return `${this.config.appUrl}${WEB_PATHS.magicLink}?token=${encodeURIComponent(token)}`;
  }

  private async queueLoginEmail(manager: EntityManager, agency: Agency, user: User, token: string): Promise<string> {
    return this.mail.queue(manager, {
      to: user.email,
      agencyId: agency.id,
      ...actionEmail({
        subject: `Your sign-in link for ${agency.name}`,
        brand: agency.name,
        greeting: `Hi ${user.name},`,
        paragraphs: [`${agency.name} sent you a link to sign in to your client portal without a password.`],
        action: { label: 'Sign in to the portal', url: this.url(token) },
        footer: 'The link works once and expires in 15 minutes. If you did not expect it, you can ignore this email.',
      }),
    });
  }

  /** A client user of this agency who still has access; anything else is 404 like an unknown id. */
  private async clientUser(agencyId: string, userId: string): Promise<User> {
    const [user] = await this.eligibleClientUsers(agencyId, [userId]);
    if (!user) throw new NotFoundException('User not found');
    return user;
  }

  private async eligibleClientUsers(agencyId: string, userIds: string[]): Promise<User[]> {
    if (userIds.length === 0) return [];
    const users = await this.db
      .getRepository(User)
      .findBy({ agencyId, id: In(userIds), kind: 'client', status: 'active' });
    if (users.length === 0) return [];
    const withAccess = await this.db
      .getRepository(ClientMembership)
      .findBy({ agencyId, userId: In(users.map((u) => u.id)), status: 'active' });
    const allowed = new Set(withAccess.map((m) => m.userId));
    return users.filter((u) => allowed.has(u.id));
  }
}
