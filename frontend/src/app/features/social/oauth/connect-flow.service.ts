import { DOCUMENT, Injectable, InjectionToken, inject } from '@angular/core';
import { WEB_PATHS, type SocialProviderId } from '@atrium/shared';
import { Observable, map } from 'rxjs';
import { SocialApi } from '../data-access/social.api';
import { PendingConnectionStart, savePendingConnection } from './pending-connection';

/** Leaves the app for another site (the provider's consent screen); replaced in tests. */
export const EXTERNAL_REDIRECT = new InjectionToken<(url: string) => void>('EXTERNAL_REDIRECT', {
  providedIn: 'root',
  factory: () => {
    const document = inject(DOCUMENT);
    return (url: string) => document.defaultView?.location.assign(url);
  },
});

/**
 * Starts an OAuth connection: asks the server for the provider's authorization URL, remembers in
 * this tab what was started (for `/oauth/callback`), and sends the browser there. The observable
 * completes once the browser is on its way; errors are the server's refusal.
 */
@Injectable({ providedIn: 'root' })
export class ConnectFlowService {
  private readonly api = inject(SocialApi);
  private readonly redirect = inject(EXTERNAL_REDIRECT);

  /** From the agency workspace; the account lands on `clientId` when one is given. */
  startFromAgency(provider: SocialProviderId, clientId: string | null): Observable<void> {
    return this.api
      .startConnect({ provider, clientId })
      .pipe(
        map(({ authorizationUrl }) =>
          this.leave({ kind: 'agency', returnUrl: WEB_PATHS.agencyAccounts }, authorizationUrl),
        ),
      );
  }

  /** From the portal: the account lands on the active client. */
  startFromPortal(provider: SocialProviderId): Observable<void> {
    return this.api
      .portalStartConnect({ provider })
      .pipe(
        map(({ authorizationUrl }) =>
          this.leave({ kind: 'portal', returnUrl: WEB_PATHS.portalAccounts }, authorizationUrl),
        ),
      );
  }

  /** From the public connect-link page (at `page`, where the person comes back to), without a session. */
  startFromLink(token: string, provider: SocialProviderId, page: string): Observable<void> {
    return this.api
      .linkStart({ token, provider })
      .pipe(
        map(({ authorizationUrl, binding }) =>
          this.leave({ kind: 'connect_link', token, binding, page }, authorizationUrl),
        ),
      );
  }

  private leave(start: PendingConnectionStart, authorizationUrl: string): void {
    if (!isWebUrl(authorizationUrl)) {
      // Never hand a `javascript:` (or otherwise odd) URL to location.assign.
      throw new Error('The server answered with an authorization address that is not a web page.');
    }
    savePendingConnection(start, authorizationUrl);
    this.redirect(authorizationUrl);
  }
}

function isWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url, 'http://localhost');
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}
