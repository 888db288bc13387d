import { DOCUMENT } from '@angular/common';
import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { BRAND_BOOTSTRAP_ID, BRANDING_PATHS, WEB_PATHS, type BrandBootstrap, type PublicBrand } from '@atrium/shared';
import { Observable, catchError, filter, of, shareReplay, tap, throwError } from 'rxjs';
import { isUnder } from '../auth/return-url';
import { BrandThemeService } from './brand-theme.service';

/** Where the branded sign-in pages live on the installation: `/a/<slug>/login`, ... */
export const BRANDED_SIGN_IN_PREFIX = '/a';
const PORTAL_CACHE_KEY = 'atr-portal-brand';
/** The slug of the branded sign-in page a client user last used here (public, so kept signed out). */
const SIGN_IN_SLUG_KEY = 'atr-sign-in-slug';

/** The page's brand as the server rendered it (first paint), when the server rendered one. */
export function readBrandBootstrap(document: Document): BrandBootstrap | null {
  const text = document.getElementById(BRAND_BOOTSTRAP_ID)?.textContent;
  if (!text) return null;
  try {
    const value = JSON.parse(text) as BrandBootstrap | null;
    return value && typeof value === 'object' && 'brand' in value ? value : null;
  } catch {
    return null;
  }
}

/**
 * Which brand the page shows, and where it comes from: the agency of a `/a/<slug>/...` sign-in
 * page, the agency whose custom domain the page is on, or (in the portal) the signed-in client
 * user's agency. The agency workspace always shows Atrium's own look.
 */
@Injectable({ providedIn: 'root' })
export class BrandService {
  private readonly http = inject(HttpClient);
  private readonly theme = inject(BrandThemeService);
  private readonly document = inject(DOCUMENT);
  private readonly bootstrap = readBrandBootstrap(this.document);
  private readonly bySlug = new Map<string, PublicBrand>();
  private hostBrand$: Observable<PublicBrand | null> | null = null;
  private readonly signInSlug = signal<string | null>(null);

  readonly brand = this.theme.brand;
  /** Whether the page is on an agency's custom domain (known from the server, or from asking it). */
  readonly customDomain = signal(this.bootstrap?.customDomain ?? false);
  /**
   * Where the sign-in pages of the brand on show live: `/a/<slug>` on the installation, nothing on
   * a custom domain or without a brand.
   */
  readonly signInBase = computed(() => {
    if (this.customDomain()) return '';
    const slug = this.signInSlug() ?? this.brand()?.slug;
    return slug ? `${BRANDED_SIGN_IN_PREFIX}/${encodeURIComponent(slug)}` : '';
  });

  constructor() {
    const brand = this.bootstrap?.brand;
    if (brand) {
      this.bySlug.set(brand.slug, brand);
      if (this.bootstrap?.customDomain) this.hostBrand$ = of(brand);
    } else if (this.bootstrap) {
      // The server served this page on the installation's own host: there is no host brand.
      this.hostBrand$ = of(null);
    }
    // The agency workspace is Atrium's, whatever page came before it in this tab.
    inject(Router)
      .events.pipe(
        filter((event): event is NavigationEnd => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe((event) => {
        if (isUnder(event.urlAfterRedirects, WEB_PATHS.agencyHome)) this.reset();
      });
  }

  /** A sign-in page's path on the brand's address: `/a/<slug>/forgot`, or `/forgot` on a custom domain. */
  signInPath(webPath: string): string {
    return `${this.signInBase()}${webPath}`;
  }

  /**
   * Where a signed-out visitor of the portal signs in: the custom domain's own `/login`, else the
   * branded sign-in page last used in this browser, else the installation's. A client user whose
   * session ended thus meets their agency's sign-in page again, never Atrium's.
   */
  portalSignInPath(): string {
    if (this.customDomain()) return WEB_PATHS.login;
    const slug = this.readStorage(SIGN_IN_SLUG_KEY);
    return slug ? `${BRANDED_SIGN_IN_PREFIX}/${encodeURIComponent(slug)}${WEB_PATHS.login}` : WEB_PATHS.login;
  }

  /**
   * Shows the brand of a sign-in page: the slug's (`/a/:slug/...`; errors 404 for an unknown one),
   * else the custom domain's (null on the installation's own host, which shows Atrium's look).
   */
  forSignIn(slug: string | null): Observable<PublicBrand | null> {
    this.signInSlug.set(slug);
    const brand$ = slug ? this.slugBrand(slug) : this.hostBrand();
    return brand$.pipe(
      tap({
        next: (brand) => {
          if (!brand) return this.theme.reset();
          if (slug) this.writeStorage(SIGN_IN_SLUG_KEY, brand.slug);
          void this.theme.apply(brand);
        },
        // An unknown address shows no one's brand.
        error: () => this.theme.reset(),
      }),
    );
  }

  /**
   * Shows the brand of the signed-in client user's agency in the portal: the one this user saw
   * last at once (no flash on a reload), then the current one from the server.
   */
  forPortal(userId: string): Observable<PublicBrand> {
    this.signInSlug.set(null);
    const cached = this.cachedPortalBrand(userId);
    if (cached) void this.theme.apply(cached);
    return this.http.get<PublicBrand>(BRANDING_PATHS.portalBrand).pipe(
      tap((brand) => {
        void this.theme.apply(brand);
        this.cachePortalBrand(userId, brand);
        if (!this.customDomain()) this.writeStorage(SIGN_IN_SLUG_KEY, brand.slug);
      }),
    );
  }

  /** Atrium's own look. */
  reset(): void {
    this.signInSlug.set(null);
    this.theme.reset();
  }

  private slugBrand(slug: string): Observable<PublicBrand> {
    const known = this.bySlug.get(slug);
    if (known) return of(known);
    return this.http
      .get<PublicBrand>(BRANDING_PATHS.publicBrand, { params: { slug } })
      .pipe(tap((brand) => this.bySlug.set(slug, brand)));
  }

  /** Asked once per page load, and only when the server did not say already. */
  private hostBrand(): Observable<PublicBrand | null> {
    this.hostBrand$ ??= this.http.get<PublicBrand>(BRANDING_PATHS.publicBrand).pipe(
      tap(() => this.customDomain.set(true)),
      catchError((error: unknown) =>
        error instanceof HttpErrorResponse && error.status === 404 ? of(null) : throwError(() => error),
      ),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.hostBrand$;
  }

  /** Keyed by user: someone else signing in on this browser never sees this agency's brand. */
  private cachedPortalBrand(userId: string): PublicBrand | null {
    try {
      const stored = JSON.parse(this.storage()?.getItem(PORTAL_CACHE_KEY) ?? 'null') as {
        userId: string;
        brand: PublicBrand;
      } | null;
      return stored?.userId === userId && stored.brand ? stored.brand : null;
    } catch {
      return null;
    }
  }

  private cachePortalBrand(userId: string, brand: PublicBrand): void {
    try {
      this.storage()?.setItem(PORTAL_CACHE_KEY, JSON.stringify({ userId, brand }));
    } catch {
      // Storage full or refused (private mode): the brand just arrives with the request next time.
    }
  }

  private readStorage(key: string): string | null {
    try {
      return this.storage()?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  private writeStorage(key: string, value: string): void {
    try {
      this.storage()?.setItem(key, value);
    } catch {
      // Refused (private mode): the installation's sign-in page is the fallback.
    }
  }

  private storage(): Storage | null {
    try {
      return this.document.defaultView?.localStorage ?? null;
    } catch {
      return null;
    }
  }
}
