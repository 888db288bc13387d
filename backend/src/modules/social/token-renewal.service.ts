import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { LeaseService } from '../../core/scheduling/lease.service';
import { ExpiryWarningsService } from './expiry-warnings.service';
import { OAuthConnectService } from './oauth-connect.service';
import { SocialAccountsService } from './social-accounts.service';

const EVERY_MS = 60 * 60_000;

/**
 * Hourly, on one instance: renews provider tokens before they end, emails the agency about the
 * connections that cannot renew and end within a week, and forgets finished OAuth round trips.
 */
@Injectable()
export class TokenRenewalService {
  private readonly logger = new Logger(TokenRenewalService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly leases: LeaseService,
    private readonly accounts: SocialAccountsService,
    private readonly connect: OAuthConnectService,
    private readonly warnings: ExpiryWarningsService,
  ) {}

  @Interval('social-token-renewal', EVERY_MS)
  async tick(): Promise<void> {
    if (!this.config.runWorkers) return;
    try {
      if (!(await this.leases.tryAcquire('social-token-renewal', EVERY_MS - 60_000))) return;
      await this.accounts.renewExpiring();
      await this.warnings.warn();
      await this.connect.purgeOld();
    } catch (error) {
      this.logger.warn({ msg: 'Token renewal pass failed', error: String(error) });
    }
  }
}
