import { Inject, Injectable } from '@nestjs/common';
import { WEB_PATHS } from '@atrium/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { actionEmail, brandedActionEmail, type EmailMessage } from '../../core/mail/mail-templates';
import { MailService } from '../../core/mail/mail.service';
import type { RateLimitRule } from '../../core/rate-limit/rate-limiter';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import { ContextLoader } from '../../core/tenancy/context-loader.service';
import type { User } from '../../core/tenancy/entities/user.entity';
import type { Transactional } from '../../core/tenancy/tenant-data';
import { BrandingService } from '../branding/branding.service';
import { PortalAddressService } from '../domains/portal-address.service';

/** How a password came to change, for the notice. */
export type PasswordChangeWay = 'changed' | 'reset';

/**
 * Who may get account emails, how many, and the security notice after a password change.
 *
 * An account gets account emails (reset, sign-in link, confirmation, notices) only while it could
 * sign in: the user is active, their agency is active, and they still have an active membership
 * (team, or at least one live client). Removal is modelled as a deactivated membership, not a
 * deactivated user, so the user's status alone is not enough.
 */
@Injectable()
export class AccountMailService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly contexts: ContextLoader,
    private readonly mail: MailService,
    private readonly rateLimits: RateLimitService,
    private readonly branding: BrandingService,
    private readonly addresses: PortalAddressService,
  ) {}

  /** Whether the account still has access anywhere (see the class comment). */
  async inGoodStanding(user: User): Promise<boolean> {
    // The standing is the same wherever the request came from: no custom-domain restriction here.
    const context = await this.contexts.forUser(user.id, 'account-standing', { ip: null, userAgent: null });
    return context !== null;
  }

  /**
   * Counts an email of one kind to one address; false when the address had its share, and the
   * caller sends nothing but answers as if it had.
   */
  withinLimit(rule: RateLimitRule, address: string): Promise<boolean> {
    return this.rateLimits.allow(rule, address);
  }

  /** `withinLimit` for each of many addresses (a bulk email), in the order given. */
  withinLimitEach(rule: RateLimitRule, addresses: readonly string[]): Promise<boolean[]> {
    return this.rateLimits.allowEach(rule, addresses);
  }

  /**
   * Queues (in the caller's transaction, so it goes out only if the change commits) the notice to
   * the account's address that its password changed, with what to do if it was not them. Null
   * when the address had too many notices this hour.
   */
  async queuePasswordChangedNotice(
    into: Transactional,
    user: User,
    way: PasswordChangeWay,
    at: Date,
  ): Promise<string | null> {
    if (!(await this.withinLimit(RATE_LIMITS.emailSecurityNoticePerRecipient, user.email))) return null;
    const when = at.toUTCString().replace('GMT', 'UTC');
    const how = way === 'reset' ? 'reset with a link sent to this address' : 'changed in your account settings';
    const message = (where: string): EmailMessage => ({
      subject: `Your ${where} password was changed`,
      greeting: `Hi ${user.name},`,
      paragraphs: [
        `The password of your ${where} account (${user.email}) was ${how} on ${when}.`,
        'If this was you, there is nothing more to do.',
        'If it was not you, reset your password now with the button below: it signs everyone out of your account. Then tell whoever manages your account.',
      ],
      action: { label: 'Reset my password', url: '' },
      footer: 'You get this email because it concerns the security of your account.',
    });
    const content =
      user.kind === 'client'
        ? await this.clientNotice(user, message)
        : actionEmail({
            ...message('Atrium'),
            brand: 'Atrium',
            action: { label: 'Reset my password', url: `${this.config.appUrl}${WEB_PATHS.forgotPassword}` },
          });
    return this.mail.queue(into, { to: user.email, agencyId: user.agencyId, ...content });
  }

  /** A client user hears from their agency's portal: its brand, and its sign-in address for the link. */
  private async clientNotice(user: User, message: (where: string) => EmailMessage) {
    const brand = await this.branding.brandForEmails(user.agencyId);
    const forgotUrl = await this.addresses.link(user.agencyId, WEB_PATHS.forgotPassword);
    return brandedActionEmail(brand, {
      ...message(brand.portalName),
      action: { label: 'Reset my password', url: forgotUrl },
    });
  }
}
