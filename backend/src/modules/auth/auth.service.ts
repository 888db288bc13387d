import { BadRequestException, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WEB_PATHS, type MessageResponse, type TwoFactorChallengeResponse } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import { isUniqueViolation } from '../../core/database/errors';
import { ContextLoader } from '../../core/tenancy/context-loader.service';
import { WorkspaceSuspendedException } from '../../core/tenancy/workspace-suspended.exception';
import type { RequestContext, RequestMeta } from '../../core/auth/request-context';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import { MailService } from '../../core/mail/mail.service';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { LoginThrottle } from '../../core/rate-limit/login-throttle';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import { slugFromName, suffixedSlug } from '../../core/tenancy/agency-slug';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { AgencyMembership } from '../../core/tenancy/entities/agency-membership.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { BrandingService } from '../branding/branding.service';
import { PortalAddressService } from '../domains/portal-address.service';
import { TwoFactorChallenges } from '../two-factor/two-factor-challenges.service';
import { AccountMailService } from './account-mail.service';
import { AuthEmails, withToken } from './auth-emails';
import type { LoginDto, ResetPasswordDto, SignupDto } from './dto/auth.dto';
import { OneTimeTokenService } from './one-time-token.service';
import { PasswordService } from './password.service';
import { IssuedTokens, SessionService } from './session.service';

/** The words every "did something happen?" answer uses, whether or not the account exists. */
export const NEUTRAL = {
  signup: 'Check your inbox: we sent a link to confirm your email address.',
  forgot: 'If an account exists for that email, we sent a link to reset the password.',
  resend: 'If that email needs confirming, we sent a new confirmation link.',
  badCredentials: 'Email or password is incorrect.',
  badLink: 'This link is invalid, has expired or was already used. Request a new one.',
} as const;

export interface SignedIn {
  tokens: IssuedTokens;
  context: RequestContext;
}

/** What a sign-in answers: the session, or the second factor it still needs (see TwoFactorChallenges). */
export type SignInOutcome = SignedIn | TwoFactorChallengeResponse;

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private readonly emails: AuthEmails;
  /** Sign-in flows find accounts by email, session or token, before any tenant is known. */
  private readonly db: EntityManager;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly passwords: PasswordService,
    private readonly tokens: OneTimeTokenService,
    private readonly sessions: SessionService,
    private readonly contexts: ContextLoader,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly rateLimits: RateLimitService,
    private readonly branding: BrandingService,
    private readonly addresses: PortalAddressService,
    private readonly loginThrottle: LoginThrottle,
    private readonly accountMail: AccountMailService,
    private readonly twoFactor: TwoFactorChallenges,
  ) {
    this.emails = new AuthEmails(config.appUrl);
    this.db = tenant.unscoped('sign-in: accounts are found by email, session or token before any tenant is known');
  }

  /**
   * Creates the agency, its owner and the confirmation email in one transaction. An address that
   * already has an account gets the same answer (and a heads-up email), never an error.
   */
  async signup(dto: SignupDto, meta: RequestMeta): Promise<MessageResponse> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.signupPerIp, subject: meta.ip }]);
    this.passwords.assertAcceptable(dto.password, 'password', dto.email);
    const passwordHash = await this.passwords.hash(dto.password);

    let emailIds: string[] = [];
    const attempt = (slugFor: (manager: EntityManager) => Promise<string>) =>
      this.tenant.transaction(async (tx) => {
        const manager = tx.unscoped('sign-in: accounts are found by email or token before any tenant is known');
        const existing = await manager.getRepository(User).findOneBy({ email: dto.email });
        if (existing) {
          // A removed or deactivated account hears nothing, and one inbox gets a few heads-ups at most.
          const notify =
            (await this.accountMail.inGoodStanding(existing)) &&
            (await this.accountMail.withinLimit(RATE_LIMITS.emailSignupAttemptPerRecipient, existing.email));
          if (notify)
            emailIds.push(
              await this.mail.queue(manager, {
                to: existing.email,
                agencyId: existing.agencyId,
                ...(existing.kind === 'client'
                  ? this.emails.clientSignupAttempt(
                      await this.branding.brandForEmails(existing.agencyId),
                      existing.name,
                      await this.addresses.link(existing.agencyId, WEB_PATHS.login),
                    )
                  : this.emails.signupAttemptForExistingAccount(existing.name)),
              }),
            );
          await this.audit.record(
            {
              action: 'auth.signup.existing_email',
              actorUserId: null,
              targetType: 'user',
              targetId: existing.id,
              agencyId: existing.agencyId,
              meta,
            },
            manager,
          );
          return;
        }
        const agency = manager.getRepository(Agency).create({
          name: dto.agencyName,
          plan: this.config.defaultPlan,
          status: 'active',
          slug: await slugFor(manager),
        });
        await manager.getRepository(Agency).save(agency);
        const user = manager.getRepository(User).create({
          agencyId: agency.id,
          kind: 'agency',
          email: dto.email,
          name: dto.name,
          passwordHash,
          emailConfirmedAt: null,
          lastLoginAt: null,
        });
        await manager.getRepository(User).save(user);
        await manager
          .getRepository(AgencyMembership)
          .save(
            manager.getRepository(AgencyMembership).create({ agencyId: agency.id, userId: user.id, role: 'owner' }),
          );
        const token = await this.tokens.issue(tx, user.id, user.email, 'confirm_email');
        emailIds.push(
          await this.mail.queue(manager, {
            to: user.email,
            agencyId: agency.id,
            ...this.emails.confirmEmail(user.name, agency.name, token),
          }),
        );
        await this.audit.record(
          {
            action: 'auth.signup',
            agencyId: agency.id,
            actorUserId: user.id,
            targetType: 'agency',
            targetId: agency.id,
            meta,
          },
          manager,
        );
      });
    try {
      // The agency's sign-in address: its name's slug when free, else the name with a suffix.
      const plainSlug = slugFromName(dto.agencyName);
      const freeSlug = async (manager: EntityManager) =>
        // A slug an agency gave up stays its own (see Agency.previousSlug).
        plainSlug && !(await manager.getRepository(Agency).existsBy([{ slug: plainSlug }, { previousSlug: plainSlug }]))
          ? plainSlug
          : suffixedSlug(dto.agencyName);
      await attempt(freeSlug).catch(async (error: unknown) => {
        // Two sign-ups of one agency name at once: the second takes a suffixed slug.
        if (!isUniqueViolation(error) || !String(error).includes('slug')) throw error;
        emailIds = [];
        await attempt(async () => suffixedSlug(dto.agencyName));
      });
    } catch (error) {
      // Two sign-ups racing for one address: the loser sees the same neutral answer.
      if (!isUniqueViolation(error)) throw error;
      this.logger.warn({
        msg: 'Concurrent sign-up for the same email',
        ip: meta.ip,
      });
    }
    await this.mail.dispatch(emailIds);
    return { message: NEUTRAL.signup };
  }

  async confirmEmail(token: string, meta: RequestMeta): Promise<MessageResponse> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.tokenPerIp, subject: meta.ip }]);
    const confirmed = await this.tenant.transaction(async (tx) => {
      const manager = tx.unscoped('sign-in: accounts are found by email or token before any tenant is known');
      const spent = await this.tokens.consume(tx, token, 'confirm_email');
      if (!spent) return false;
      const user = await manager.getRepository(User).findOneBy({ id: spent.userId });
      // The token is bound to the address it was sent to: after an email change it is worthless.
      if (!user || user.email !== spent.email) return false;
      if (!user.emailConfirmedAt)
        await manager.getRepository(User).update({ id: user.id }, { emailConfirmedAt: new Date() });
      await this.audit.record(
        {
          action: 'auth.email_confirmed',
          agencyId: user.agencyId,
          actorUserId: user.id,
          targetType: 'user',
          targetId: user.id,
          meta,
        },
        manager,
      );
      return true;
    });
    if (!confirmed) throw new BadRequestException(NEUTRAL.badLink);
    return { message: 'Your email is confirmed. You can sign in now.' };
  }

  async resendConfirmation(email: string, meta: RequestMeta): Promise<MessageResponse> {
    await this.rateLimits.consume([
      { rule: RATE_LIMITS.resendPerIp, subject: meta.ip },
      { rule: RATE_LIMITS.resendPerAccount, subject: email },
    ]);
    const emailIds: string[] = [];
    await this.tenant.transaction(async (tx) => {
      const manager = tx.unscoped('sign-in: accounts are found by email or token before any tenant is known');
      const user = await manager.getRepository(User).findOneBy({ email, status: 'active' });
      if (!user || user.emailConfirmedAt || !user.passwordHash) return;
      if (!(await this.accountMail.inGoodStanding(user))) return;
      if (!(await this.accountMail.withinLimit(RATE_LIMITS.emailConfirmationPerRecipient, user.email))) return;
      const agency = await manager.getRepository(Agency).findOneByOrFail({ id: user.agencyId });
      const token = await this.tokens.issue(tx, user.id, user.email, 'confirm_email');
      emailIds.push(
        await this.mail.queue(manager, {
          to: user.email,
          agencyId: user.agencyId,
          ...this.emails.confirmEmail(user.name, agency.name, token),
        }),
      );
      await this.audit.record(
        {
          action: 'auth.confirmation_resent',
          agencyId: user.agencyId,
          actorUserId: user.id,
          targetType: 'user',
          targetId: user.id,
          meta,
        },
        manager,
      );
    });
    await this.mail.dispatch(emailIds);
    return { message: NEUTRAL.resend };
  }

  /**
   * Unknown email, wrong password, deactivated user, suspended agency: one answer, and the same
   * argon2 work, so none of them can be told apart. Failures slow the address down (LoginThrottle:
   * growing waits, never a lock), counted whether or not an account exists.
   */
  async login(dto: LoginDto, meta: RequestMeta): Promise<SignInOutcome> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.loginPerIp, subject: meta.ip }]);
    await this.loginThrottle.assertMayTry(dto.email);
    const user = await this.db.getRepository(User).findOneBy({ email: dto.email });
    const passwordOk = await this.passwords.verify(user?.passwordHash ?? null, dto.password);
    const context = user && passwordOk ? await this.contexts.forUser(user.id, 'pending', meta) : null;
    if (user && passwordOk && !context) {
      // Only with the right password is a suspended workspace told apart from a wrong one.
      const suspendedAs = await this.contexts.suspendedAudience(user.id, meta);
      if (suspendedAs) throw new WorkspaceSuspendedException(suspendedAs);
    }
    if (!user || !context) {
      await this.audit.record({
        action: 'auth.login.failed',
        agencyId: user?.agencyId ?? null,
        actorUserId: null,
        targetType: user ? 'user' : null,
        targetId: user?.id ?? null,
        meta,
        details: user ? { reason: passwordOk ? 'inactive' : 'password' } : { reason: 'unknown_email' },
      });
      await this.loginThrottle.recordFailure(dto.email);
      throw new UnauthorizedException(NEUTRAL.badCredentials);
    }

    // The password was right: its failures are forgotten, whether the session opens now or after a second factor.
    await this.loginThrottle.clear(dto.email);
    const challenge = await this.twoFactor.challengeFor(this.tenant, user, meta, 'password');
    if (challenge) return challenge;
    const tokens = await this.tenant.transaction((tx) => this.sessions.openForSignIn(tx, user, meta, 'password'));
    return { tokens, context: { ...context, sessionId: tokens.sessionId } };
  }

  async refresh(refreshToken: string | undefined, meta: RequestMeta): Promise<SignedIn> {
    // Who the session is for is read BEFORE the token rotates: a database fault after the rotation
    // would leave the browser with its old cookie, and presenting that again reads as reuse and ends
    // the session. After the rotation nothing touches the database.
    const presented = await this.sessions.findByRefreshToken(refreshToken);
    const context =
      presented && !presented.revokedAt ? await this.contexts.forUser(presented.userId, presented.id, meta) : null;
    const outcome = await this.sessions.refresh(refreshToken, meta);
    if (outcome.kind === 'reused') {
      const user = await this.db.getRepository(User).findOneBy({ id: outcome.session.userId });
      await this.audit.record({
        action: 'auth.refresh_token_reused',
        agencyId: user?.agencyId ?? null,
        actorUserId: outcome.session.userId,
        targetType: 'session',
        targetId: outcome.session.id,
        meta,
      });
    }
    if (outcome.kind !== 'rotated') throw new UnauthorizedException('Your session has ended. Please sign in again.');
    if (!context || presented?.id !== outcome.session.id) {
      await this.sessions.revoke(outcome.session.id, 'access_revoked');
      throw new UnauthorizedException('Your session has ended. Please sign in again.');
    }
    return { tokens: outcome.tokens, context };
  }

  async logout(refreshToken: string | undefined, meta: RequestMeta): Promise<void> {
    const session = await this.sessions.findByRefreshToken(refreshToken);
    if (!session || session.revokedAt) return;
    await this.sessions.revoke(session.id, 'logout');
    const user = await this.db.getRepository(User).findOneBy({ id: session.userId });
    await this.audit.record({
      action: 'auth.logout',
      agencyId: user?.agencyId ?? null,
      actorUserId: session.userId,
      targetType: 'session',
      targetId: session.id,
      meta,
    });
  }

  async forgotPassword(email: string, meta: RequestMeta): Promise<MessageResponse> {
    await this.rateLimits.consume([
      { rule: RATE_LIMITS.forgotPerIp, subject: meta.ip },
      { rule: RATE_LIMITS.forgotPerAccount, subject: email },
    ]);
    // Removed and deactivated accounts, and an address that had its share of reset emails this hour,
    // get nothing; the answer is the same in every case.
    const user = await this.db.getRepository(User).findOneBy({ email, status: 'active' });
    if (!user || !(await this.accountMail.inGoodStanding(user))) return { message: NEUTRAL.forgot };
    if (!(await this.accountMail.withinLimit(RATE_LIMITS.emailResetPerRecipient, user.email)))
      return { message: NEUTRAL.forgot };
    // A client user's brand and portal address are read before the transaction: inside it they would
    // wait for a second database connection while holding the first.
    const branded =
      user.kind === 'client'
        ? {
            brand: await this.branding.brandForEmails(user.agencyId),
            base: await this.addresses.baseUrl(user.agencyId),
          }
        : null;
    const emailIds: string[] = [];
    await this.tenant.transaction(async (tx) => {
      const manager = tx.unscoped('sign-in: accounts are found by email or token before any tenant is known');
      const token = await this.tokens.issue(tx, user.id, user.email, 'reset_password');
      emailIds.push(
        await this.mail.queue(manager, {
          to: user.email,
          agencyId: user.agencyId,
          ...(branded
            ? this.emails.clientResetPassword(
                branded.brand,
                user.name,
                `${branded.base}${withToken(WEB_PATHS.resetPassword, token)}`,
              )
            : this.emails.resetPassword(user.name, token)),
        }),
      );
      await this.audit.record(
        {
          action: 'auth.password_reset_requested',
          agencyId: user.agencyId,
          actorUserId: null,
          targetType: 'user',
          targetId: user.id,
          meta,
        },
        manager,
      );
    });
    await this.mail.dispatch(emailIds);
    return { message: NEUTRAL.forgot };
  }

  /**
   * Sets the new password and ends every session of the user: whoever knew the old one is out. The
   * address gets a notice, and the account's sign-in failures (and any wait) are forgotten.
   */
  async resetPassword(dto: ResetPasswordDto, meta: RequestMeta): Promise<MessageResponse> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.tokenPerIp, subject: meta.ip }]);
    const problem = this.passwords.problemWith(dto.password);
    const passwordHash = problem ? null : await this.passwords.hash(dto.password);
    const noticeIds: string[] = [];
    const done = await this.tenant
      .transaction(async (tx) => {
        const manager = tx.unscoped('sign-in: accounts are found by email or token before any tenant is known');
        const spent = await this.tokens.consume(tx, dto.token, 'reset_password');
        if (!spent) return 'bad-link' as const;
        const user = await manager.getRepository(User).findOneBy({ id: spent.userId, status: 'active' });
        if (!user || user.email !== spent.email) return 'bad-link' as const;
        // Checked after the token so a weak password does not burn the link: roll back and say why.
        const personal = this.passwords.problemWith(dto.password, user.email);
        if (personal || !passwordHash) throw new PasswordRejected(personal ?? problem ?? 'Password is not acceptable');
        await manager.getRepository(User).update(
          { id: user.id },
          {
            passwordHash,
            emailConfirmedAt: user.emailConfirmedAt ?? new Date(),
            pendingEmail: null,
          },
        );
        await this.tokens.spendAccountLinks(tx, user.id);
        await this.sessions.revokeAllForUser(user.id, 'password_reset', tx);
        const notice = await this.accountMail.queuePasswordChangedNotice(manager, user, 'reset', new Date());
        if (notice) noticeIds.push(notice);
        await this.audit.record(
          {
            action: 'auth.password_reset',
            agencyId: user.agencyId,
            actorUserId: user.id,
            targetType: 'user',
            targetId: user.id,
            meta,
          },
          manager,
        );
        return { email: user.email };
      })
      .catch((error: unknown) => {
        if (error instanceof PasswordRejected)
          throw new ValidationFailedException([{ field: 'password', messages: [error.message] }]);
        throw error;
      });
    if (done === 'bad-link') throw new BadRequestException(NEUTRAL.badLink);
    await this.mail.dispatch(noticeIds);
    await this.loginThrottle.clear(done.email);
    return {
      message: 'Your password has been changed. Sign in with your new password.',
    };
  }
}

class PasswordRejected extends Error {}
