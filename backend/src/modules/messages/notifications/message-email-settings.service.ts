import { Inject, Injectable } from '@nestjs/common';
import { MoreThan } from 'typeorm';
import type { MessageEmailMode, MessageEmailSettingsView } from '@atrium/shared';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import type { RequestContext } from '../../../core/auth/request-context';
import { isUniqueViolation } from '../../../core/database/errors';
import { TenantData } from '../../../core/tenancy/tenant-data';
import { agencyScope } from '../../../core/tenancy/tenant-scope';
import { MessageEmailDue } from '../entities/message-email-due.entity';
import { MessageEmailSetting } from '../entities/message-email-setting.entity';

/** A person's own choice of emails about unread messages (every time, a daily digest, or never). */
@Injectable()
export class MessageEmailSettingsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
  ) {}

  async get(ctx: RequestContext): Promise<MessageEmailSettingsView> {
    // The setting is the person's, in their agency (a client user's choice covers all their clients).
    const row = await this.tenant.findOneOwned(agencyScope(ctx.agencyId), MessageEmailSetting, {
      where: { userId: ctx.userId },
    });
    return { mode: row?.mode ?? 'every' };
  }

  async set(ctx: RequestContext, mode: MessageEmailMode): Promise<MessageEmailSettingsView> {
    const scope = agencyScope(ctx.agencyId);
    await this.tenant.transaction(async (tx) => {
      const changed = await tx.updateOwned(
        scope,
        MessageEmailSetting,
        { userId: ctx.userId },
        { mode, updatedAt: new Date() },
      );
      if (changed === 0) {
        try {
          await tx.insertOwned(scope, MessageEmailSetting, { userId: ctx.userId, mode });
        } catch (error) {
          // Two tabs saving at once: the other made the row; this choice is the later one.
          if (!isUniqueViolation(error)) throw error;
          await tx.updateOwned(scope, MessageEmailSetting, { userId: ctx.userId }, { mode, updatedAt: new Date() });
        }
      }
      if (mode === 'never') {
        await tx.deleteOwned(scope, MessageEmailDue, { userId: ctx.userId });
      } else if (mode === 'every') {
        // Emails held for tomorrow's digest go after the usual delay instead.
        const soon = new Date(Date.now() + this.config.messages.emailDelayMs);
        await tx.updateOwned(scope, MessageEmailDue, { userId: ctx.userId, dueAt: MoreThan(soon) }, { dueAt: soon });
      }
    });
    return { mode };
  }
}
