import { Module } from '@nestjs/common';
import { SecretBox } from '../../core/crypto/secret-box';
import { DomainsModule } from '../domains/domains.module';
import { ConnectLinksController } from './connect-links.controller';
import { ConnectLinksService } from './connect-links.service';
import { OAuthConnectService } from './oauth-connect.service';
import { OAuthHandbackController } from './oauth-handback.controller';
import { PortalAccountsController } from './portal-accounts.controller';
import { PublicConnectLinksController } from './public-connect-links.controller';
import { ProviderRegistry } from './providers/provider-registry';
import { SocialAccountsController } from './social-accounts.controller';
import { SocialAccountsService } from './social-accounts.service';
import { SocialProvidersController } from './social-providers.controller';
import { TokenRenewalService } from './token-renewal.service';
import { ExpiryWarningsService } from './expiry-warnings.service';

@Module({
  imports: [DomainsModule],
  controllers: [
    SocialProvidersController,
    SocialAccountsController,
    PortalAccountsController,
    ConnectLinksController,
    PublicConnectLinksController,
    OAuthHandbackController,
  ],
  providers: [
    SecretBox,
    ProviderRegistry,
    SocialAccountsService,
    OAuthConnectService,
    ConnectLinksService,
    TokenRenewalService,
    ExpiryWarningsService,
  ],
  exports: [SecretBox, ProviderRegistry, SocialAccountsService, OAuthConnectService, ExpiryWarningsService],
})
export class SocialModule {}
