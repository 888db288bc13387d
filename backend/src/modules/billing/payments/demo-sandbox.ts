import { BILLING_PATHS } from '@atrium/shared';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../../config/app-config';
import { SecretBox } from '../../../core/crypto/secret-box';
import type { SandboxPayServer } from '../../local-payments/sandbox-pay.server';
import { BillingSettings } from '../entities/billing-settings.entity';
import { providerSecretsContext } from './payment-provider.registry';
import type { SandboxSecrets } from './sandbox/sandbox.provider';

/**
 * The demo seed's "Connect the sandbox" for an agency: the same account and settings that
 * `PUT /api/v1/billing/settings/sandbox` makes, written in the seed's transaction, so a demo
 * invoice can be paid online at once. Does nothing while LOCAL_PAYMENT_PROVIDER is off.
 */
export async function connectSandboxForDemo(
  manager: EntityManager,
  config: AppConfig,
  sandbox: SandboxPayServer,
  agencyId: string,
): Promise<void> {
  if (!config.payments.localProvider) return;
  const keys = await sandbox.createAccount(`${config.appUrl}${BILLING_PATHS.sandboxWebhook}`, manager);
  const secrets: SandboxSecrets = { apiKey: keys.apiKey, webhookSecret: keys.webhookSecret };
  const repository = manager.getRepository(BillingSettings);
  const settings = (await repository.findOneBy({ agencyId })) ?? repository.create({ agencyId });
  Object.assign(settings, {
    provider: 'sandbox',
    providerSecrets: new SecretBox(config).seal(JSON.stringify(secrets), providerSecretsContext(agencyId)),
    providerKeyHint: keys.apiKey.slice(-4),
    providerTestMode: true,
    providerConnectedAt: new Date(),
  });
  await repository.save(settings);
}
