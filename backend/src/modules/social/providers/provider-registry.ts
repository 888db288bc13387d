import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import type { SocialProviderId, SocialProviderInfo } from '@atrium/shared';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { ValidationFailedException } from '../../../core/http/api-error.filter';
import { SANDBOX_CLIENT_ID, SandboxOAuthServer } from '../../local-oauth/sandbox-oauth.server';
import { LocalSandboxAdapter } from './local.adapter';
import { createPlatformAdapters } from './platforms';
import { ProviderError, type Fetch, type SocialProviderAdapter } from './provider-adapter';

/** Where provider HTTP goes; a token or profile call that hangs must not hold a worker forever. */
const providerFetch: Fetch = (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });

/**
 * The platforms this installation offers: those with credentials in the configuration, plus the
 * local sandbox when it is on. A provider that is not here cannot be connected or published to.
 */
@Injectable()
export class ProviderRegistry {
  private readonly adapters = new Map<SocialProviderId, SocialProviderAdapter>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    sandbox: SandboxOAuthServer,
    private readonly httpHost: HttpAdapterHost,
  ) {
    const adapters = createPlatformAdapters(config.social, providerFetch);
    if (config.social.localProvider) {
      adapters.unshift(
        new LocalSandboxAdapter(
          { clientId: SANDBOX_CLIENT_ID, clientSecret: sandbox.clientSecret },
          { publicBaseUrl: config.appUrl, internalBaseUrl: () => this.ownAddress() },
          providerFetch,
        ),
      );
    }
    for (const adapter of adapters) this.adapters.set(adapter.id, adapter);
  }

  offered(): SocialProviderInfo[] {
    return [...this.adapters.values()].map((adapter) => ({
      id: adapter.id,
      name: adapter.name,
      maxTextLength: adapter.maxTextLength,
      requiresMedia: adapter.requiresMedia,
      acceptsMedia: adapter.acceptsMedia,
      mediaLimits: adapter.mediaLimits
        ? { ...adapter.mediaLimits, mimeTypes: [...adapter.mediaLimits.mimeTypes] }
        : null,
    }));
  }

  find(id: string): SocialProviderAdapter | null {
    return this.adapters.get(id as SocialProviderId) ?? null;
  }

  /** For requests naming a provider: one that is not offered is a 400 naming the field. */
  require(id: string): SocialProviderAdapter {
    const adapter = this.find(id);
    if (!adapter) {
      throw new ValidationFailedException([
        {
          field: 'provider',
          messages: [`"${id}" is not offered here; choose one of ${[...this.adapters.keys()].join(', ')}`],
        },
      ]);
    }
    return adapter;
  }

  /** This process's own HTTP address, for the sandbox's server-to-server calls. */
  private ownAddress(): string {
    const address = this.httpHost.httpAdapter?.getHttpServer()?.address() as AddressInfo | string | null;
    if (!address || typeof address === 'string') {
      throw new ProviderError('unavailable', 'The sandbox platform is not reachable: the server is not listening');
    }
    const host = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address;
    return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  }
}
