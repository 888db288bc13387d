import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccessGuard } from './access.guard';
import { JwtStrategy } from './jwt.strategy';
import { VerifiedTokens } from './verified-tokens';

/** Installs the deny-by-default guard for every route of the application. */
@Global()
@Module({
  imports: [PassportModule],
  providers: [
    JwtStrategy,
    { provide: VerifiedTokens, useFactory: () => new VerifiedTokens() },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
})
export class AccessModule {}
