import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TwoFactorChallenges } from './two-factor-challenges.service';

/**
 * The sign-in side of two-factor that every sign-in method needs (auth, magic links, invitations),
 * apart from the rest of the feature so that those modules can import it without a cycle.
 */
@Module({
  imports: [JwtModule.register({})],
  providers: [TwoFactorChallenges],
  exports: [TwoFactorChallenges],
})
export class TwoFactorChallengesModule {}
