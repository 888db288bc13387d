import { BadGatewayException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { OPEN_INVOICE_STATUSES, type PaymentSessionResponse } from '@atrium/shared';
import { Not } from 'typeorm';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { AuditService } from '../../../core/audit/audit.service';
import type { ClientContext } from '../../../core/auth/request-context';
import { TenantData } from '../../../core/tenancy/tenant-data';
import { agencyScope } from '../../../core/tenancy/tenant-scope';
import { BillingSettings } from '../entities/billing-settings.entity';
import { Invoice } from '../entities/invoice.entity';
import { PaymentSession } from '../entities/payment-session.entity';
import { PaymentProviderError, type PaymentProvider } from './payment-provider';
import { PaymentProviderRegistry } from './payment-provider.registry';

/**
 * "Pay now" in the portal: opens the provider's hosted page for the invoice's balance as it is now
 * and remembers it (PaymentSession), so the webhook that follows can be checked against it. What
 * marks the invoice paid is only that verified webhook, never the browser coming back.
 */
@Injectable()
export class CheckoutService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly registry: PaymentProviderRegistry,
    private readonly audit: AuditService,
  ) {}

  async start(ctx: ClientContext, invoiceId: string): Promise<PaymentSessionResponse> {
    // Drafts are the agency's own: the portal never sees them (404 like another client's invoice).
    const invoice = await this.tenant.findOwned(ctx.scope, Invoice, invoiceId, {
      where: { status: Not('draft' as const) },
      notFound: 'Invoice not found',
    });
    const balance = invoice.total - invoice.amountPaid;
    if (!OPEN_INVOICE_STATUSES.includes(invoice.status) || balance <= 0) {
      throw new ConflictException('Nothing is left to pay on this invoice');
    }
    // The agency's settings say which provider it connected (read for the agency, not the client).
    const settings = await this.tenant.findOneOwned(agencyScope(ctx.scope.agencyId), BillingSettings, { where: {} });
    const provider = this.registry.forSettings(settings);
    if (!provider) throw new ConflictException('This agency does not take payments online; pay as the invoice says');

    const page = `${this.portalOrigin(ctx)}/portal/billing/invoices/${invoice.id}`;
    const number = invoice.number ?? invoice.id;
    const created = await this.call(() =>
      provider.createCheckout({
        invoice: { id: invoice.id, number },
        amount: balance,
        currency: invoice.currency,
        description: `${ctx.profile.agencyName}: invoice ${number}`.slice(0, 300),
        successUrl: `${page}?payment=success`,
        cancelUrl: `${page}?payment=cancelled`,
        metadata: { invoiceId: invoice.id, agencyId: invoice.agencyId, clientId: invoice.clientId },
      }),
    );
    const older = await this.tenant.listOwned(ctx.scope, PaymentSession, {
      where: { invoiceId: invoice.id, status: 'open' },
    });
    await this.tenant.transaction(async (tx) => {
      const session = await tx.insertOwned(ctx.scope, PaymentSession, {
        invoiceId: invoice.id,
        provider: provider.name,
        externalId: created.externalId,
        amount: balance,
        currency: invoice.currency,
        status: 'open',
        url: created.url,
        createdByUserId: ctx.userId,
      });
      await this.audit.recordFor(
        ctx,
        {
          action: 'invoice.checkout_started',
          targetType: 'invoice',
          targetId: invoice.id,
          details: {
            paymentSessionId: session.id,
            provider: provider.name,
            amount: balance,
            currency: invoice.currency,
          },
        },
        tx,
      );
    });
    await this.expireOlder(ctx, provider, older);
    return { url: created.url };
  }

  /** Only the newest page of an invoice stays payable; one paid meanwhile is still recorded by its webhook. */
  private async expireOlder(ctx: ClientContext, provider: PaymentProvider, older: PaymentSession[]): Promise<void> {
    for (const session of older) {
      if (session.provider !== provider.name) continue;
      try {
        await provider.expireCheckout(session.externalId);
      } catch {
        continue; // left open: if it is paid after all, the ledger refuses an overpayment and it is refunded
      }
      await this.tenant.updateOwned(
        ctx.scope,
        PaymentSession,
        { id: session.id, status: 'open' },
        { status: 'expired' },
      );
    }
  }

  /** Where the person came from: the agency's custom domain, or APP_URL. */
  private portalOrigin(ctx: ClientContext): string {
    return ctx.portalHost ? `https://${ctx.portalHost.hostname}` : this.config.appUrl;
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      if (error.kind === 'rejected')
        throw new ConflictException(`The payment provider refused the payment: ${error.message}`);
      throw new BadGatewayException('The payment provider could not be reached; try again in a moment');
    }
  }
}
