import { Injectable, Injector, effect, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { WEB_PATHS } from '@atrium/shared';
import { AuthService } from './auth/auth.service';
import { isUnder } from './auth/return-url';
import { BRANDED_SIGN_IN_PREFIX, BrandService } from './branding/brand.service';

/**
 * "Page · Atrium" in the agency workspace and on the installation's own sign-in pages. The client
 * portal and the branded sign-in pages are white-labeled: the brand's portal name takes the
 * product's place (in the portal, the agency's name until the brand has arrived), and a branded
 * page never says "Atrium", not even while its brand loads.
 */
@Injectable({ providedIn: 'root' })
export class AtriumTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly auth = inject(AuthService);
  private readonly injector = inject(Injector);
  private readonly page = signal<{ readonly title: string | undefined; readonly url: string } | null>(null);

  constructor() {
    super();
    // The brand (and so the site name) may arrive after the navigation that set the page.
    effect(() => {
      const page = this.page();
      if (page) this.title.setTitle(this.compose(page.title, page.url));
    });
  }

  /** Asked for on first use: the brand service needs the router, which is built with this strategy. */
  private get brand(): BrandService {
    return this.injector.get(BrandService);
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const page = { title: this.buildTitle(snapshot), url: snapshot.url };
    this.page.set(page);
    this.title.setTitle(this.compose(page.title, page.url));
  }

  private compose(page: string | undefined, url: string): string {
    const site = this.siteName(url);
    if (!page) return site ?? '';
    return site ? `${page} · ${site}` : page;
  }

  private siteName(url: string): string | null {
    if (isUnder(url, WEB_PATHS.agencyHome)) return 'Atrium';
    const brandName = this.brand.brand()?.portalName;
    if (brandName) return brandName;
    const me = this.auth.me();
    if (me && isUnder(url, WEB_PATHS.portalHome)) return me.agency.name;
    const branded = isUnder(url, BRANDED_SIGN_IN_PREFIX) || this.brand.customDomain();
    return branded ? null : 'Atrium';
  }
}
