import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { BrandingModule } from '../branding/branding.module';
import { DomainsModule } from '../domains/domains.module';
import { TwoFactorChallengesModule } from '../two-factor/two-factor-challenges.module';
import { AccountMailService } from './account-mail.service';
import { AuthController } from './auth.controller';
import { AuthHousekeepingService } from './auth-housekeeping.service';
import { AuthService } from './auth.service';
import { OneTimeTokenService } from './one-time-token.service';
import { PasswordService } from './password.service';
import { SessionResponder } from './session-responder.service';
import { SessionService } from './session.service';

@Module({
  imports: [PassportModule, JwtModule.register({}), BrandingModule, DomainsModule, TwoFactorChallengesModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    AuthHousekeepingService,
    PasswordService,
    OneTimeTokenService,
    SessionService,
    SessionResponder,
    AccountMailService,
  ],
  exports: [PasswordService, OneTimeTokenService, SessionService, SessionResponder, AccountMailService],
})
export class AuthModule {}
