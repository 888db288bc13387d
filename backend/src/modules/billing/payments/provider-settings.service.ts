import { BadGatewayException, ConflictException, Inject, Injectable } from '@nestjs/common';
import type { PaymentProviderName, PaymentProviderView } from '@atrium/shared';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { AuditService } from '../../../core/audit/audit.service';
import type { AgencyContext } from '../../../core/auth/request-context';
import { isUniqueViolation } from '../../../core/database/errors';
import { ValidationFailedException } from '../../../core/http/api-error.filter';
import { TenantData, type TenantDataAccess } from '../../../core/tenancy/tenant-data';
import type { TenantScope } from '../../../core/tenancy/tenant-scope';
import { SandboxPayServer } from '../../local-payments/sandbox-pay.server';
import { BillingSettings } from '../entities/billing-settings.entity';
import { providerViewOf } from '../invoices/settings/billing-settings.service';
import type { ConnectStripeDto } from './dto/payments.dto';
import { PaymentProviderError } from './payment-provider';
import { PaymentProviderRegistry, type ProviderSecrets } from './payment-provider.registry';
import type { SandboxSecrets } from './sandbox/sandbox.provider';
import { isStripeTestKey, StripePaymentProvider, stripeEndpoint } from './stripe/stripe.provider';

/**
 * Connects and disconnects an agency's payment provider (one at a time). Keys are checked with the
 * provider before they are saved, sealed with SecretBox, and never returned: the settings show the
 * key's last 4 characters and whether it is a test key.
 */
@Injectable()
export class ProviderSettingsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantData,
    private readonly registry: PaymentProviderRegistry,
    private readonly sandbox: SandboxPayServer,
    private readonly audit: AuditService,
  ) {}

  async connectStripe(ctx: AgencyContext, dto: ConnectStripeDto): Promise<PaymentProviderView> {
    const stripe = new StripePaymentProvider(dto, stripeEndpoint(this.config.payments.stripeApiUrl));
    try {
      await stripe.verifyKey();
    } catch (error) {
      if (error instanceof PaymentProviderError && error.kind === 'rejected') {
        throw new ValidationFailedException([
          { field: 'secretKey', messages: ['Stripe did not accept this key: check that it is current and complete'] },
        ]);
      }
      throw new BadGatewayException('Stripe could not be reached to check the key; try again in a moment');
    }
    return this.save(ctx, 'stripe', dto, {
      keyHint: dto.secretKey.slice(-4),
      testMode: isStripeTestKey(dto.secretKey),
    });
  }

  /** Opens a merchant account at the sandbox provider for this agency, with its webhook pointed here. */
  async connectSandbox(ctx: AgencyContext): Promise<PaymentProviderView> {
    if (!this.registry.sandboxOffered) {
      throw new ConflictException('The sandbox payment provider is not offered on this installation');
    }
    const keys = await this.sandbox.createAccount(this.registry.sandboxWebhookUrl());
    const secrets: SandboxSecrets = { apiKey: keys.apiKey, webhookSecret: keys.webhookSecret };
    return this.save(ctx, 'sandbox', secrets, { keyHint: keys.apiKey.slice(-4), testMode: true });
  }

  /** Disconnects `name` when it is the connected provider; otherwise nothing changes. */
  async disconnect(ctx: AgencyContext, name: PaymentProviderName): Promise<void> {
    const settings = await ensureBillingSettings(this.tenant, ctx.scope);
    if (settings.provider !== name) return;
    await this.tenant.transaction(async (tx) => {
      await tx.updateOwned(
        ctx.scope,
        BillingSettings,
        { id: settings.id },
        {
          provider: null,
          providerSecrets: null,
          providerKeyHint: null,
          providerTestMode: false,
          providerConnectedAt: null,
        },
      );
      await this.audit.recordFor(
        ctx,
        {
          action: 'billing.provider_disconnected',
          targetType: 'billing_settings',
          targetId: settings.id,
          details: { provider: name },
        },
        tx,
      );
    });
    // The sandbox account of the old key is closed, so its key stops working (Stripe keys are the agency's).
    if (name === 'sandbox') await this.closeSandboxAccount(settings);
  }

  private async save(
    ctx: AgencyContext,
    name: PaymentProviderName,
    secrets: ProviderSecrets,
    shown: { keyHint: string; testMode: boolean },
  ): Promise<PaymentProviderView> {
    const settings = await ensureBillingSettings(this.tenant, ctx.scope);
    const replaced = settings.provider === 'sandbox' ? { ...settings } : null;
    const now = new Date();
    await this.tenant.transaction(async (tx) => {
      await tx.updateOwned(
        ctx.scope,
        BillingSettings,
        { id: settings.id },
        {
          provider: name,
          providerSecrets: this.registry.seal(ctx.agencyId, secrets),
          providerKeyHint: shown.keyHint,
          providerTestMode: shown.testMode,
          providerConnectedAt: now,
        },
      );
      await this.audit.recordFor(
        ctx,
        {
          action: 'billing.provider_connected',
          targetType: 'billing_settings',
          targetId: settings.id,
          details: { provider: name, keyHint: shown.keyHint, testMode: shown.testMode },
        },
        tx,
      );
    });
    if (replaced) await this.closeSandboxAccount(replaced as BillingSettings);
    const view = providerViewOf(
      Object.assign(settings, {
        provider: name,
        providerKeyHint: shown.keyHint,
        providerTestMode: shown.testMode,
        providerConnectedAt: now,
      }),
      this.config.appUrl,
    );
    if (!view) throw new Error('A connected provider has a view');
    return view;
  }

  private async closeSandboxAccount(settings: BillingSettings): Promise<void> {
    const secrets = this.registry.openSecrets(settings);
    if (secrets && 'apiKey' in secrets) await this.sandbox.deleteAccount(secrets.apiKey);
  }
}

/**
 * The agency's settings row, made with the defaults when missing (two requests making it at once
 * both end up with the one row). Invoices' BillingSettingsService does the same for its routes.
 */
export async function ensureBillingSettings(data: TenantDataAccess, scope: TenantScope): Promise<BillingSettings> {
  const existing = await data.findOneOwned(scope, BillingSettings, { where: {} });
  if (existing) return existing;
  try {
    return await data.insertOwned(scope, BillingSettings, {});
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const made = await data.findOneOwned(scope, BillingSettings, { where: {} });
    if (!made) throw error;
    return made;
  }
}
