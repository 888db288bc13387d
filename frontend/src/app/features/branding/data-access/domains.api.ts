import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { BRANDING_PATHS, type CustomDomainView, type SetCustomDomainRequest } from '@atrium/shared';
import { Observable } from 'rxjs';

/**
 * The agency's custom domain (`custom-domain.controller.ts`): every agency role reads it; owners
 * and admins set, check and remove it. Plans without `customDomain` get 403.
 */
@Injectable({ providedIn: 'root' })
export class DomainsApi {
  private readonly http = inject(HttpClient);

  /** The domain with its two DNS records, or null when none is set. */
  get(): Observable<CustomDomainView | null> {
    return this.http.get<CustomDomainView | null>(BRANDING_PATHS.domain);
  }

  /** Claims a hostname: a new TXT token, pending until the records are found. */
  set(hostname: string): Observable<CustomDomainView> {
    const body: SetCustomDomainRequest = { hostname };
    return this.http.put<CustomDomainView>(BRANDING_PATHS.domain, body);
  }

  /** Looks at the DNS records now. */
  check(): Observable<CustomDomainView> {
    return this.http.post<CustomDomainView>(BRANDING_PATHS.domainCheck, {});
  }

  remove(): Observable<void> {
    return this.http.delete<void>(BRANDING_PATHS.domain);
  }
}
