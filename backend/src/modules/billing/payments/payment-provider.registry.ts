import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import type { PaymentProviderName } from '@atrium/shared';
import { BILLING_PATHS } from '@atrium/shared';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { SecretBox } from '../../../core/crypto/secret-box';
import type { BillingSettings } from '../entities/billing-settings.entity';
import { PaymentProviderError, type PaymentProvider } from './payment-provider';
import { SandboxPaymentProvider, type SandboxSecrets } from './sandbox/sandbox.provider';
import { StripePaymentProvider, stripeEndpoint, type StripeSecrets } from './stripe/stripe.provider';

export type ProviderSecrets = StripeSecrets | SandboxSecrets;

/** The sealed secrets are bound to their agency: a copy pasted into another agency's row does not open. */
export const providerSecretsContext = (agencyId: string) => `billing_settings:${agencyId}:provider`;

/**
 * Builds the provider an agency connected, from its billing settings and its sealed secrets. The
 * sandbox is offered only while LOCAL_PAYMENT_PROVIDER is on; an agency left connected to it after
 * the switch is turned off has no provider.
 */
@Injectable()
export class PaymentProviderRegistry {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly secretBox: SecretBox,
    private readonly httpHost: HttpAdapterHost,
  ) {}

  get sandboxOffered(): boolean {
    return this.config.payments.localProvider;
  }

  /** The agency's provider, or null when none is connected (or its secrets no longer open). */
  forSettings(settings: BillingSettings | null): PaymentProvider | null {
    const secrets = settings ? this.openSecrets(settings) : null;
    return settings?.provider && secrets ? this.build(settings.provider, secrets) : null;
  }

  /** The decrypted secrets, or null (none, or sealed with another ENCRYPTION_KEY: connect again). */
  openSecrets(settings: BillingSettings): ProviderSecrets | null {
    if (!settings.providerSecrets) return null;
    try {
      return JSON.parse(
        this.secretBox.open(settings.providerSecrets, providerSecretsContext(settings.agencyId)),
      ) as ProviderSecrets;
    } catch {
      return null;
    }
  }

  build(name: PaymentProviderName, secrets: ProviderSecrets): PaymentProvider | null {
    if (name === 'stripe') {
      return new StripePaymentProvider(secrets as StripeSecrets, stripeEndpoint(this.config.payments.stripeApiUrl));
    }
    if (name === 'sandbox' && this.sandboxOffered) {
      return new SandboxPaymentProvider(secrets as SandboxSecrets, () => this.ownAddress());
    }
    return null;
  }

  seal(agencyId: string, secrets: ProviderSecrets): string {
    return this.secretBox.seal(JSON.stringify(secrets), providerSecretsContext(agencyId));
  }

  sandboxWebhookUrl(): string {
    return `${this.config.appUrl}${BILLING_PATHS.sandboxWebhook}`;
  }

  /** This process's own HTTP address, for calls to the sandbox provider living on this installation. */
  ownAddress(): string {
    const address = this.httpHost.httpAdapter?.getHttpServer()?.address() as AddressInfo | string | null;
    if (!address || typeof address === 'string') {
      throw new PaymentProviderError(
        'unavailable',
        'The sandbox payment provider is not reachable: the server is not listening',
      );
    }
    const host = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address;
    return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  }
}
