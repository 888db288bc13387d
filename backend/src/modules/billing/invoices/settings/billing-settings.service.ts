import { Inject, Injectable } from '@nestjs/common';
import type { BillingSettingsView, PaymentProviderView } from '@atrium/shared';
import type { AppConfig } from '../../../../config/app-config';
import { APP_CONFIG } from '../../../../config/config.module';
import { AuditService } from '../../../../core/audit/audit.service';
import { isUniqueViolation } from '../../../../core/database/errors';
import { ValidationFailedException } from '../../../../core/http/api-error.filter';
import { TenantData, type TenantDataAccess } from '../../../../core/tenancy/tenant-data';
import type { Actor, TenantScope } from '../../../../core/tenancy/tenant-scope';
import { BillingSettings } from '../billing-tables';
import type { UpdateBillingSettingsDto } from '../dto/billing-settings.dto';
import { parseOffsets } from '../reminders/reminder-rules';

/**
 * The provider part of the settings view, shared with payments/ (helper C writes the provider
 * columns through its own routes and may reuse this to answer them). The Stripe webhook URL is
 * per agency: `${APP_URL}/api/v1/billing/webhooks/stripe/<agencyId>`.
 */
export function providerViewOf(settings: BillingSettings, appUrl: string): PaymentProviderView | null {
  if (!settings.provider) return null;
  return {
    name: settings.provider,
    keyHint: settings.providerKeyHint,
    testMode: settings.providerTestMode,
    webhookUrl: settings.provider === 'stripe' ? stripeWebhookUrl(appUrl, settings.agencyId) : null,
    connectedAt: (settings.providerConnectedAt ?? settings.updatedAt).toISOString(),
  };
}

export function stripeWebhookUrl(appUrl: string, agencyId: string): string {
  return `${appUrl.replace(/\/+$/, '')}/api/v1/billing/webhooks/stripe/${agencyId}`;
}

/**
 * An agency's billing settings. The row is made the first time anyone needs it (read, change, or a
 * send taking a number); two requests making it at once both end up with the one row.
 */
@Injectable()
export class BillingSettingsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly audit: AuditService,
  ) {}

  /**
   * The agency's settings row, made with the defaults when missing. Call it before a transaction
   * that then locks the row (`lockedSettings`): making it inside would hold a gap lock on MariaDB.
   */
  async ensure(scope: TenantScope, data: TenantDataAccess = this.tenant): Promise<BillingSettings> {
    const existing = await data.findOneOwned(scope, BillingSettings, { where: {} });
    if (existing) return existing;
    try {
      return await data.insertOwned(scope, BillingSettings, {});
    } catch (error) {
      // Someone else made it meanwhile (unique per agency): theirs is the row.
      if (!isUniqueViolation(error)) throw error;
      const made = await data.findOneOwned(scope, BillingSettings, { where: {} });
      if (!made) throw error;
      return made;
    }
  }

  /** The settings row locked for the rest of the transaction `tx` (it must exist: see ensure). */
  async locked(tx: TenantDataAccess, scope: TenantScope): Promise<BillingSettings> {
    const row = await tx.findOneOwned(scope, BillingSettings, {
      where: {},
      ...(tx.locksRows ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return row ?? this.ensure(scope, tx);
  }

  async view(scope: TenantScope): Promise<BillingSettingsView> {
    return this.viewOf(await this.ensure(scope));
  }

  async update(actor: Actor, dto: UpdateBillingSettingsDto): Promise<BillingSettingsView> {
    const scope = actor.scope;
    await this.ensure(scope);
    const saved = await this.tenant.transaction(async (tx) => {
      const row = await this.locked(tx, scope);
      if (dto.nextNumber !== undefined && dto.nextNumber < row.nextNumber) {
        throw new ValidationFailedException([
          {
            field: 'nextNumber',
            messages: [`may only move forward: invoice numbers up to ${row.nextNumber - 1} may be in use`],
          },
        ]);
      }
      const patch = {
        numberPrefix: dto.numberPrefix,
        nextNumber: dto.nextNumber ?? row.nextNumber,
        defaultCurrency: dto.defaultCurrency,
        defaultPaymentTermsDays: dto.defaultPaymentTermsDays,
        defaultNotes: dto.defaultNotes,
        defaultTerms: dto.defaultTerms,
        remindDaysBefore: JSON.stringify([...dto.remindDaysBefore].sort((a, b) => b - a)),
        remindDaysAfter: JSON.stringify([...dto.remindDaysAfter].sort((a, b) => a - b)),
        updatedAt: new Date(),
      };
      await tx.updateOwned(scope, BillingSettings, { id: row.id }, patch);
      await this.audit.recordFor(
        actor,
        {
          action: 'billing_settings.updated',
          targetType: 'billing_settings',
          targetId: row.id,
          details: { numberPrefix: patch.numberPrefix, nextNumber: patch.nextNumber },
        },
        tx,
      );
      return Object.assign(row, patch);
    });
    return this.viewOf(saved);
  }

  /**
   * Whether the agency takes payments online: a provider is connected, and it is one this
   * installation runs (a sandbox connection left from before LOCAL_PAYMENT_PROVIDER was turned off
   * cannot take payments).
   */
  async onlinePayments(scope: TenantScope, data: TenantDataAccess = this.tenant): Promise<boolean> {
    const row = await data.findOneOwned(scope, BillingSettings, { where: {}, select: { id: true, provider: true } });
    if (row?.provider === 'sandbox') return this.config.payments.localProvider;
    return Boolean(row?.provider);
  }

  viewOf(row: BillingSettings): BillingSettingsView {
    return {
      numberPrefix: row.numberPrefix,
      nextNumber: row.nextNumber,
      defaultCurrency: row.defaultCurrency,
      defaultPaymentTermsDays: row.defaultPaymentTermsDays,
      defaultNotes: row.defaultNotes,
      defaultTerms: row.defaultTerms,
      remindDaysBefore: parseOffsets(row.remindDaysBefore),
      remindDaysAfter: parseOffsets(row.remindDaysAfter),
      provider: providerViewOf(row, this.config.appUrl),
    };
  }
}
