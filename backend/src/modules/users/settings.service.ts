import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource, IsNull, Not } from 'typeorm';
import { isUniqueViolation } from '../../core/database/errors';
import { locksRows } from '../../core/database/row-locks';
import { WEB_PATHS } from '@atrium/shared';
import { Inject } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuditService } from '../../core/audit/audit.service';
import type { RequestContext, RequestMeta } from '../../core/auth/request-context';
import { ValidationFailedException } from '../../core/http/api-error.filter';
import { actionEmail } from '../../core/mail/mail-templates';
import { MailService } from '../../core/mail/mail.service';
import { RATE_LIMITS } from '../../core/rate-limit/rate-limit.rules';
import { RateLimitService } from '../../core/rate-limit/rate-limit.service';
import { FileStorage } from '../../core/storage/file-storage';
import { Agency } from '../../core/tenancy/entities/agency.entity';
import { Session } from '../../core/tenancy/entities/session.entity';
import { OneTimeTokenService } from '../auth/one-time-token.service';
import { PasswordService } from '../auth/password.service';
import { MediaAsset } from '../media/entities/media-asset.entity';
import { MediaUploadsService } from '../media/media-uploads.service';
import { User } from '../../core/tenancy/entities/user.entity';

const VALID_ZONES = new Set(Intl.supportedValuesOf('timeZone'));
const AVATAR_MAX_BYTES = 10 * 1024 * 1024;

/**
 * A person's own settings: name, time zone, email (changed only once the new address proves
 * itself), password (the current one required; other sessions end) and profile picture.
 */
@Injectable()
export class SettingsService {
  private readonly logger = new Logger(SettingsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly tokens: OneTimeTokenService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly rateLimits: RateLimitService,
    private readonly uploads: MediaUploadsService,
    private readonly storage: FileStorage,
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
    await this.db
      .getRepository(User)
      .update(
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
    const agency = await this.db.getRepository(Agency).findOneByOrFail({ id: user.agencyId });
    // Whether the address is taken is only checked on confirmation: answering now would tell
    // anyone with an account who else has one.
    const ids = await this.db.transaction(async (manager) => {
      await manager.getRepository(User).update({ id: user.id }, { pendingEmail: newEmail });
      const token = await this.tokens.issue(manager, user.id, newEmail, 'change_email');
      const link = `${this.config.appUrl}${WEB_PATHS.confirmEmailChange}?token=${encodeURIComponent(token)}`;
      const toNew = await this.mail.queue(manager, {
        to: newEmail,
        agencyId: user.agencyId,
        ...actionEmail({
          subject: 'Confirm your new email address',
          brand: agency.name,
          greeting: `Hi ${user.name},`,
          paragraphs: [`You asked to sign in to ${agency.name} on Atrium with this address from now on.`],
          action: { label: 'Confirm new email', url: link },
          footer: 'The link works once, for 24 hours. If you did not ask for this, ignore this email.',
        }),
      });
      const toOld = await this.mail.queue(manager, {
        to: user.email,
        agencyId: user.agencyId,
        ...actionEmail({
          subject: 'Your email address is being changed',
          brand: agency.name,
          greeting: `Hi ${user.name},`,
          paragraphs: [
            `Someone signed in as you asked to change your email address to ${newEmail}. It changes only when the link sent there is opened.`,
            'If this was not you, reset your password now: that cancels the change and signs everyone else out.',
          ],
          action: { label: 'Reset my password', url: `${this.config.appUrl}${WEB_PATHS.forgotPassword}` },
          footer: 'You get this because it concerns your account.',
        }),
      });
      await this.audit.record(
        {
          action: 'profile.email_change_requested',
          agencyId: user.agencyId,
          actorUserId: user.id,
          targetType: 'user',
          targetId: user.id,
          meta: ctx,
          details: { to: newEmail },
        },
        manager,
      );
      return [toNew, toOld];
    });
    await this.mail.dispatch(ids);
    return newEmail;
  }

  /** Spent by an explicit POST from the page the link opens (mail scanners only GET). */
  async confirmEmailChange(token: string, meta: RequestMeta): Promise<void> {
    await this.rateLimits.consume([{ rule: RATE_LIMITS.tokenPerIp, subject: meta.ip }]);
    await this.db.transaction(async (manager) => {
      const row = await this.tokens.consume(manager, token, 'change_email');
      const user = row ? await manager.getRepository(User).findOneBy({ id: row.userId, status: 'active' }) : null;
      if (!row || !user || user.pendingEmail !== row.email) {
        throw new BadRequestException('This link is not valid any more. Ask for the change again from your settings.');
      }
      const taken = await manager.getRepository(User).countBy({ email: row.email, id: Not(user.id) });
      if (taken > 0) throw new ConflictException('This address is already used by another account.');
      try {
        await manager
          .getRepository(User)
          .update({ id: user.id }, { email: row.email, emailConfirmedAt: new Date(), pendingEmail: null });
      } catch (error) {
        // Another account took the address at the same moment.
        if (isUniqueViolation(error)) throw new ConflictException('This address is already used by another account.');
        throw error;
      }
      await this.audit.record(
        {
          action: 'profile.email_changed',
          agencyId: user.agencyId,
          actorUserId: user.id,
          targetType: 'user',
          targetId: user.id,
          meta,
          details: { from: user.email, to: row.email },
        },
        manager,
      );
    });
  }

  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.user(ctx);
    await this.rateLimits.consume([{ rule: RATE_LIMITS.loginPerAccount, subject: `password-change:${user.id}` }]);
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw new ValidationFailedException([{ field: 'currentPassword', messages: ['is not your current password'] }]);
    }
    this.passwords.assertAcceptable(newPassword, 'newPassword', user.email);
    const passwordHash = await this.passwords.hash(newPassword);
    await this.db.transaction(async (manager) => {
      await manager.getRepository(User).update({ id: user.id }, { passwordHash, pendingEmail: null });
      // Links already mailed (reset, magic link, a pending email change) stop working too.
      await this.tokens.spendAccountLinks(manager, user.id);
      // Every other session ends; this one stays signed in.
      await manager
        .getRepository(Session)
        .update(
          { userId: user.id, id: Not(ctx.sessionId), revokedAt: IsNull() },
          { revokedAt: new Date(), revokedReason: 'password_changed' },
        );
      await this.audit.record(
        {
          action: 'profile.password_changed',
          agencyId: user.agencyId,
          actorUserId: user.id,
          targetType: 'user',
          targetId: user.id,
          meta: ctx,
        },
        manager,
      );
    });
  }

  async setAvatar(ctx: RequestContext, request: Request): Promise<void> {
    const user = await this.user(ctx);
    const result = await this.uploads.receive(request, {
      agencyId: user.agencyId,
      userId: user.id,
      source: ctx.audience === 'client' ? 'portal' : 'agency',
      purpose: 'avatar',
      clientId: null,
      imagesOnly: true,
      maxFileBytes: AVATAR_MAX_BYTES,
      maxFiles: 1,
      meta: ctx,
    });
    const [picture, ...extra] = result.stored;
    for (const asset of extra) await this.deleteAsset(asset);
    if (!picture) {
      throw new ValidationFailedException([
        { field: 'file', messages: [result.rejected[0]?.reason ?? 'send one image in a part named "file"'] },
      ]);
    }
    await this.swapAvatar(user, picture.id);
  }

  async removeAvatar(ctx: RequestContext): Promise<void> {
    const user = await this.user(ctx);
    await this.swapAvatar(user, null);
    await this.record(ctx, 'profile.avatar_removed');
  }

  /**
   * Puts the new picture in place and deletes the one it replaces. The user's row is locked, so
   * two changes at once take turns and each deletes what the other put there: none is orphaned.
   */
  private async swapAvatar(user: User, pictureId: string | null): Promise<void> {
    const replaced = await this.db.transaction(async (manager) => {
      const users = manager.getRepository(User);
      const query = users.createQueryBuilder('u').where('u.id = :id', { id: user.id });
      if (locksRows(manager)) query.setLock('pessimistic_write');
      const current = await query.getOneOrFail();
      await users.update({ id: user.id }, { avatarAssetId: pictureId });
      return current.avatarAssetId;
    });
    if (!replaced || replaced === pictureId) return;
    const old = await this.db
      .getRepository(MediaAsset)
      .findOneBy({ id: replaced, agencyId: user.agencyId, purpose: 'avatar' });
    if (old) await this.deleteAsset(old);
  }

  private async deleteAsset(asset: MediaAsset): Promise<void> {
    await this.db.getRepository(MediaAsset).delete({ id: asset.id });
    // The picture is gone once its row is; bytes storage fails to drop are only wasted space.
    for (const key of [asset.storageKey, asset.thumbnailKey]) {
      if (!key) continue;
      await this.storage
        .delete(key)
        .catch((error: unknown) =>
          this.logger.warn({ msg: 'Could not delete a stored file', key, error: String(error) }),
        );
    }
  }

  private async user(ctx: RequestContext): Promise<User> {
    const user = await this.db.getRepository(User).findOneBy({ id: ctx.userId, agencyId: ctx.agencyId });
    if (!user) throw new NotFoundException('Account not found');
    return user;
  }

  private record(ctx: RequestContext, action: string, details?: Record<string, unknown>) {
    return this.audit.record({
      action,
      agencyId: ctx.agencyId,
      actorUserId: ctx.userId,
      targetType: 'user',
      targetId: ctx.userId,
      meta: ctx,
      details,
    });
  }
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
