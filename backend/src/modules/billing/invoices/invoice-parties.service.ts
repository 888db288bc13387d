import { Injectable } from '@nestjs/common';
import type { InvoiceBillTo, InvoiceIssuer } from '@atrium/shared';
import { Agency } from '../../../core/tenancy/entities/agency.entity';
import { Client } from '../../../core/tenancy/entities/client.entity';
import { TenantData, type TenantDataAccess } from '../../../core/tenancy/tenant-data';
import { agencyScope } from '../../../core/tenancy/tenant-scope';
import { BrandingService } from '../../branding/branding.service';
import type { Invoice } from '../entities/invoice.entity';
import type { InvoiceParties } from './invoice-views';
import { billToOf, BillingProfilesService } from './profiles/billing-profiles.service';

/**
 * Who an invoice is made out to (the client's billing profile) and from (the agency, with its
 * brand's logo and colour). Frozen onto the invoice when it is sent; a preview while a draft.
 */
@Injectable()
export class InvoicePartiesService {
  constructor(
    private readonly tenant: TenantData,
    private readonly profiles: BillingProfilesService,
    private readonly branding: BrandingService,
  ) {}

  async of(invoice: Invoice, data: TenantDataAccess = this.tenant): Promise<InvoiceParties> {
    return { billTo: await this.billTo(invoice, data), issuer: await this.issuer(invoice.agencyId, data) };
  }

  /** Who the invoice is made out to now; reads through `data` only (a transaction's own connection). */
  async billTo(
    invoice: Pick<Invoice, 'agencyId' | 'clientId'>,
    data: TenantDataAccess = this.tenant,
  ): Promise<InvoiceBillTo> {
    const scope = agencyScope(invoice.agencyId);
    const client = await data.findOwned(scope, Client, invoice.clientId, { notFound: 'Client not found' });
    const profile = await this.profiles.profileOf(scope, invoice.clientId, data);
    return billToOf(profile, client.name);
  }

  /**
   * The agency as an issuer. Reads the brand on a connection of its own: call it before a
   * transaction, not inside one (see WriteQueue).
   */
  async issuer(agencyId: string, data: TenantDataAccess = this.tenant): Promise<InvoiceIssuer> {
    const agency = await data.findOwned(agencyScope(agencyId), Agency, agencyId, { notFound: 'Agency not found' });
    const brand = await this.branding.brandForEmails(agencyId);
    return { name: agency.name, logoUrl: brand.logoUrl, primaryColor: brand.colors.primary };
  }
}
