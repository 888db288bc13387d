import { Injectable } from '@nestjs/common';
import type { BillingProfileView, InvoiceBillTo } from '@atrium/shared';
import { AuditService } from '../../../../core/audit/audit.service';
import { isUniqueViolation } from '../../../../core/database/errors';
import { TenantData, type TenantDataAccess } from '../../../../core/tenancy/tenant-data';
import { agencyScope, type Actor, type TenantScope } from '../../../../core/tenancy/tenant-scope';
import { BillingProfile } from '../billing-tables';
import type { UpdateBillingProfileDto } from '../dto/billing-profile.dto';
import { BillingSettingsService } from '../settings/billing-settings.service';

/**
 * Who a client's invoices are made out to. Edited by the agency and by the client's admins with
 * billing.manage (portal); until first saved it shows the agency's defaults.
 */
@Injectable()
export class BillingProfilesService {
  constructor(
    private readonly tenant: TenantData,
    private readonly settings: BillingSettingsService,
    private readonly audit: AuditService,
  ) {}

  /** The profile of a live client of the scope (404 otherwise), or its defaults when never saved. */
  async view(scope: TenantScope, clientId: string, data: TenantDataAccess = this.tenant): Promise<BillingProfileView> {
    await data.liveClient(scope, clientId);
    return this.profileOf(scope, clientId, data);
  }

  /** The saved profile of a client of the scope, or its defaults (no check that the client is live). */
  async profileOf(
    scope: TenantScope,
    clientId: string,
    data: TenantDataAccess = this.tenant,
  ): Promise<BillingProfileView> {
    const row = await data.findOneOwned(scope, BillingProfile, { where: { clientId } });
    if (row) return profileView(row);
    const defaults = await this.settings.ensure(agencyScope(scope.agencyId), data);
    return {
      clientId,
      legalName: '',
      email: '',
      address: { line1: '', line2: '', city: '', postalCode: '', region: '', country: '' },
      taxId: '',
      currency: defaults.defaultCurrency,
      paymentTermsDays: defaults.defaultPaymentTermsDays,
      updatedAt: null,
    };
  }

  async update(actor: Actor, clientId: string, dto: UpdateBillingProfileDto): Promise<BillingProfileView> {
    const scope = actor.scope;
    const values = {
      legalName: dto.legalName,
      email: dto.email,
      addressLine1: dto.address.line1,
      addressLine2: dto.address.line2,
      city: dto.address.city,
      postalCode: dto.address.postalCode,
      region: dto.address.region,
      country: dto.address.country,
      taxId: dto.taxId,
      currency: dto.currency,
      paymentTermsDays: dto.paymentTermsDays,
    };
    await this.tenant.liveClient(scope, clientId);
    const saved = await this.save(scope, clientId, values).catch(async (error: unknown) => {
      // Two first saves at once: the loser updates the row the winner made.
      if (!isUniqueViolation(error)) throw error;
      return this.save(scope, clientId, values);
    });
    await this.audit.recordFor(actor, {
      action: 'billing_profile.updated',
      targetType: 'client',
      targetId: clientId,
    });
    return profileView(saved);
  }

  private async save(scope: TenantScope, clientId: string, values: Partial<BillingProfile>): Promise<BillingProfile> {
    return this.tenant.transaction(async (tx) => {
      const row = await tx.findOneOwned(scope, BillingProfile, {
        where: { clientId },
        ...(tx.locksRows ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      });
      if (!row) return tx.insertOwned(scope, BillingProfile, { ...values, clientId, agencyId: scope.agencyId });
      const patch = { ...values, updatedAt: new Date() };
      await tx.updateOwned(scope, BillingProfile, { id: row.id }, patch);
      return Object.assign(row, patch);
    });
  }
}

export function profileView(row: BillingProfile): BillingProfileView {
  return {
    clientId: row.clientId,
    legalName: row.legalName,
    email: row.email,
    address: {
      line1: row.addressLine1,
      line2: row.addressLine2,
      city: row.city,
      postalCode: row.postalCode,
      region: row.region,
      country: row.country,
    },
    taxId: row.taxId,
    currency: row.currency,
    paymentTermsDays: row.paymentTermsDays,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Who an invoice is made out to now: the profile, the client's name when it has no legal name. */
export function billToOf(profile: BillingProfileView, clientName: string): InvoiceBillTo {
  return {
    name: profile.legalName || clientName,
    email: profile.email,
    address: profile.address,
    taxId: profile.taxId,
  };
}
