import { Module } from '@nestjs/common';
import { SecretBox } from '../../core/crypto/secret-box';
import { AuthModule } from '../auth/auth.module';
import { BrandingModule } from '../branding/branding.module';
import { AgencySecurityController } from './agency-security.controller';
import { AgencySecurity } from './agency-security.service';
import { TwoFactorChallengesModule } from './two-factor-challenges.module';
import { TwoFactorCredentials } from './two-factor-credentials.service';
import { TwoFactorSettingsController } from './two-factor-settings.controller';
import { TwoFactorSettings } from './two-factor-settings.service';
import { TwoFactorSignInController } from './two-factor-sign-in.controller';
import { TwoFactorSignIn } from './two-factor-sign-in.service';

/** Two-factor authentication (TOTP) for agency and client users, and the agency's policy requiring it. */
@Module({
  imports: [AuthModule, BrandingModule, TwoFactorChallengesModule],
  controllers: [TwoFactorSignInController, TwoFactorSettingsController, AgencySecurityController],
  providers: [SecretBox, TwoFactorCredentials, TwoFactorSignIn, TwoFactorSettings, AgencySecurity],
})
export class TwoFactorModule {}
