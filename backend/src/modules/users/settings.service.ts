import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import type { UploadExchange } from '../media/upload-exchange';
import { Not } from 'typeorm';
import { isUniqueViolation } from '../../core/database/errors';
import { WEB_PATHS } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import type { RequestContext, RequestMeta } from '../../core/auth/request-context';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import { actionEmail, brandedActionEmail, type EmailMessage } from '../../core/mail/mail-templates';
import { MailService } from '../../core/mail/mail.service';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { User } from '../../core/tenancy/entities/user.entity';
import { TenantData } from '../../core/tenancy/tenant-data';
import { agencyScope, type AgencyScope } from '../../core/tenancy/tenant-scope';
import { AccountMailService } from '../auth/account-mail.service';
import { withToken } from '../auth/auth-emails';
import { OneTimeTokenService } from '../auth/one-time-token.service';
import { PasswordService } from '../auth/password.service';
import { SessionService } from '../auth/session.service';
import { BrandingService } from '../branding/branding.service';
import { PortalAddressService } from '../domains/portal-address.service';
import { ProfilePicturesService } from '../media/profile-pictures.service';

const VALID_ZONES = new Set(Intl.supportedValuesOf('timeZone'));

/**
 * A person's own settings: name, time zone, email (changed only once the new address proves
 * itself), password (the current one required; other sessions end) and profile picture.
 */
@Injectable()
export class SettingsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly passwords: PasswordService,
    private readonly tokens: OneTimeTokenService,
    private readonly sessions: SessionService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly rateLimits: RateLimitService,
    private readonly pictures: ProfilePicturesService,
    private readonly branding: BrandingService,
    private readonly addresses: PortalAddressService,
    private readonly accountMail: AccountMailService,
  ) {}

  async updateProfile(ctx: RequestContext, change: { name?: string; timezone?: string }): Promise<void> {
    const user = await this.user(ctx);
    const problems = [];
    const name = change.name?.trim();
    if (change.name !== undefined && (!name || name.length > 120)) {
      problems.push({ field: 'name', messages: ['must be 1 to 120 characters'] });
    }
    if (change.timezone !== undefined && !isTimeZone(change.timezone)) {
      problems.push({ field: 'timezone', messages: ['must be a time zone like Europe/Berlin'] });
    }
    if (problems.length) throw new ValidationFailedException(problems);
    if (!name && !change.timezone) return;
    await this.tenant.updateOwned(
      own(ctx),
      User,
      { id: user.id },
      { ...(name ? { name } : {}), ...(change.timezone ? { timezone: change.timezone } : {}) },
    );
    await this.record(ctx, 'profile.updated', { fields: Object.keys(change) });
  }

  async requestEmailChange(ctx: RequestContext, newEmailRaw: string, currentPassword: string): Promise<string> {
    const user = await this.user(ctx);
    await this.rateLimits.consume([{ rule: RATE_LIMITS.resendPerAccount, subject: `email-change:${user.id}` }]);
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw new ValidationFailedException([{ field: 'currentPassword', messages: ['is not your current password'] }]);
    }
    const newEmail = newEmailRaw.trim().toLowerCase();
    if (newEmail === user.email) {
      throw new ValidationFailedException([{ field: 'newEmail', messages: ['is already your email address'] }]);
    }
    const agency = await this.tenant.findOwned(own(ctx), Agency, user.agencyId);
    // A client user hears from their agency's portal (its brand, its address); an agency user from Atrium.
    const brand = user.kind === 'client' ? await this.branding.brandForEmails(user.agencyId) : null;
    const link = (path: string) =>
      brand ? this.addresses.link(user.agencyId, path) : Promise.resolve(`${this.config.appUrl}${path}`);
    const compose = (email: EmailMessage) =>
      brand ? brandedActionEmail(brand, email) : actionEmail({ ...email, brand: agency.name });
    const forgotUrl = await link(WEB_PATHS.forgotPassword);
    // Any address can be typed in as the new one: each gets a few of these an hour at most, from
    // all accounts together; beyond that nothing is sent there and the answer is the same.
    const mayMailNew = await this.accountMail.withinLimit(RATE_LIMITS.emailChangePerRecipient, newEmail);
    const mayMailOld = await this.accountMail.withinLimit(RATE_LIMITS.emailSecurityNoticePerRecipient, user.email);
    // Whether the address is taken is only checked on confirmation: answering now would tell
    // anyone with an account who else has one.
    const ids = await this.tenant.transaction(async (tx) => {
      await tx.updateOwned(own(ctx), User, { id: user.id }, { pendingEmail: newEmail });
      const token = await this.tokens.issue(tx, user.id, newEmail, 'change_email');
      const confirmUrl = await link(withToken(WEB_PATHS.confirmEmailChange, token));
      const ids: string[] = [];
      if (mayMailNew)
        ids.push(
          await this.mail.queue(tx, {
            to: newEmail,
            agencyId: user.agencyId,
            ...compose({
              subject: 'Confirm your new email address',
              greeting: `Hi ${user.name},`,
              paragraphs: [
                brand
                  ? `You asked to sign in to ${brand.portalName} with this address from now on.`
                  : `You asked to sign in to ${agency.name} on Atrium with this address from now on.`,
              ],
              action: { label: 'Confirm new email', url: confirmUrl },
              footer: 'The link works once, for 24 hours. If you did not ask for this, ignore this email.',
            }),
          }),
        );
      if (mayMailOld)
        ids.push(
          await this.mail.queue(tx, {
            to: user.email,
            agencyId: user.agencyId,
            ...compose({
              subject: 'Your email address is being changed',
              greeting: `Hi ${user.name},`,
              paragraphs: [
                `Someone signed in as you asked to change your email address to ${newEmail}. It changes only when the link sent there is opened.`,
                'If this was not you, reset your password now: that cancels the change and signs everyone else out.',
              ],
              action: { label: 'Reset my password', url: forgotUrl },
              footer: 'You get this because it concerns your account.',
            }),
          }),
        );
      await this.audit.recordFor(
        ctx,
        { action: 'profile.email_change_requested', targetType: 'user', targetId: user.id, details: { to: newEmail } },
        tx,
      );
      return ids;
    });
    await this.mail.dispatch(ids);
    return newEmail;
  }

  /** Spent by an explicit POST from the page the link opens (mail scanners only GET). */
  async confirmEmailChange(token: string, meta: RequestMeta): Promise<void> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.tokenPerIp, subject: meta.ip }]);
    await this.tenant.transaction(async (tx) => {
      const row = await this.tokens.consume(tx, token, 'change_email');
      const users = tx
        .unscoped(
          'email change link: the token names the user, whose agency is known only from their row; addresses are unique across every agency',
        )
        .getRepository(User);
      const user = row ? await users.findOneBy({ id: row.userId, status: 'active' }) : null;
      if (!row || !user || user.pendingEmail !== row.email) {
        throw new BadRequestException('This link is not valid any more. Ask for the change again from your settings.');
      }
      const taken = await users.countBy({ email: row.email, id: Not(user.id) });
      if (taken > 0) throw new ConflictException('This address is already used by another account.');
      // From here on the user's agency is known: the change stays within it.
      const actor = { scope: agencyScope(user.agencyId), userId: user.id, ...meta };
      try {
        await tx.updateOwned(
          actor.scope,
          User,
          { id: user.id },
          { email: row.email, emailConfirmedAt: new Date(), pendingEmail: null },
        );
      } catch (error) {
        // Another account took the address at the same moment.
        if (isUniqueViolation(error)) throw new ConflictException('This address is already used by another account.');
        throw error;
      }
      await this.audit.recordFor(
        actor,
        {
          action: 'profile.email_changed',
          targetType: 'user',
          targetId: user.id,
          details: { from: user.email, to: row.email },
        },
        tx,
      );
    });
  }

  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.user(ctx);
    await this.rateLimits.consume([{ rule: RATE_LIMITS.passwordChangePerAccount, subject: user.id }]);
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw new ValidationFailedException([{ field: 'currentPassword', messages: ['is not your current password'] }]);
    }
    this.passwords.assertAcceptable(newPassword, 'newPassword', user.email);
    const passwordHash = await this.passwords.hash(newPassword);
    const noticeIds = await this.tenant.transaction(async (tx) => {
      await tx.updateOwned(own(ctx), User, { id: user.id }, { passwordHash, pendingEmail: null });
      // Links already mailed (reset, magic link, a pending email change) stop working too.
      await this.tokens.spendAccountLinks(tx, user.id);
      // Every other session ends; this one stays signed in.
      await this.sessions.revokeOthersForUser(user.id, ctx.sessionId, 'password_changed', tx);
      await this.audit.recordFor(
        ctx,
        { action: 'profile.password_changed', targetType: 'user', targetId: user.id },
        tx,
      );
      // The address hears of it, with what to do if it was not them (ASVS V2.2.3).
      const notice = await this.accountMail.queuePasswordChangedNotice(tx, user, 'changed', new Date());
      return notice ? [notice] : [];
    });
    await this.mail.dispatch(noticeIds);
  }

  async setAvatar(ctx: RequestContext, upload: UploadExchange): Promise<void> {
    const user = await this.user(ctx);
    const picture = await this.pictures.receive(ctx, upload);
    await this.swapAvatar(own(ctx), user, picture.id);
  }

  async removeAvatar(ctx: RequestContext): Promise<void> {
    const user = await this.user(ctx);
    await this.swapAvatar(own(ctx), user, null);
    await this.record(ctx, 'profile.avatar_removed');
  }

  /**
   * Puts the new picture in place and deletes the one it replaces. The user's row is locked, so
   * two changes at once take turns and each deletes what the other put there: none is orphaned.
   */
  private async swapAvatar(scope: AgencyScope, user: User, pictureId: string | null): Promise<void> {
    const replaced = await this.tenant.transaction(async (tx) => {
      const current = await tx.findOwned(scope, User, user.id, { lock: 'update', notFound: 'Account not found' });
      await tx.updateOwned(scope, User, { id: user.id }, { avatarAssetId: pictureId });
      return current.avatarAssetId;
    });
    if (!replaced || replaced === pictureId) return;
    await this.pictures.delete(scope, replaced);
  }

  private user(ctx: RequestContext): Promise<User> {
    return this.tenant.findOwned(own(ctx), User, ctx.userId, { notFound: 'Account not found' });
  }

  private record(ctx: RequestContext, action: string, details?: Record<string, unknown>) {
    return this.audit.recordFor(ctx, { action, targetType: 'user', targetId: ctx.userId, details });
  }
}

/**
 * Where the caller's own row is: people belong to the agency as a whole (a client user may act
 * for several clients), so every method here works on the caller's own id within their agency.
 */
function own(ctx: RequestContext): AgencyScope {
  return agencyScope(ctx.agencyId);
}

export function isTimeZone(zone: string): boolean {
  if (VALID_ZONES.has(zone) || zone === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone);
  } catch {
    return false;
  }
}
