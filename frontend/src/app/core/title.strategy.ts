import { Injectable, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { WEB_PATHS } from '@atrium/shared';
import { AuthService } from './auth/auth.service';
import { isUnder } from './auth/return-url';

/**
 * "Page · Atrium" everywhere, except in the client portal, which is white-labeled: there the
 * agency's name takes the product's place.
 */
@Injectable({ providedIn: 'root' })
export class AtriumTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly auth = inject(AuthService);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const page = this.buildTitle(snapshot);
    const me = this.auth.me();
    const site = me && isUnder(snapshot.url, WEB_PATHS.portalHome) ? me.agency.name : 'Atrium';
    this.title.setTitle(page ? `${page} · ${site}` : site);
  }
}
