import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { SandboxOAuthController } from './sandbox-oauth.controller';
import { SandboxOAuthServer } from './sandbox-oauth.server';

/** The sandbox platform and its OAuth 2 server; its routes exist only when LOCAL_OAUTH_PROVIDER is on. */
@Module({})
export class LocalOAuthModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: LocalOAuthModule,
      // Its server secret is what the sandbox adapter authenticates with, wherever that lives.
      global: true,
      controllers: config.social.localProvider ? [SandboxOAuthController] : [],
      providers: [SandboxOAuthServer],
      exports: [SandboxOAuthServer],
    };
  }
}
