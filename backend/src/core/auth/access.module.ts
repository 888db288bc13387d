import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AccessGuard } from './access.guard';
import { ContextLoader } from './context-loader.service';
import { JwtStrategy } from './jwt.strategy';

/** Installs the deny-by-default guard for every route of the application. */
@Global()
@Module({
  imports: [PassportModule],
  providers: [ContextLoader, JwtStrategy, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [ContextLoader],
})
export class AccessModule {}
