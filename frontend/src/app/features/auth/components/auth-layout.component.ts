import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Subscription } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { WEB_PATHS } from '@atrium/shared';
import { BrandThemeService } from '../../../core/branding/brand-theme.service';
import { BrandFooterComponent, hasBrandFooter } from '../../../core/branding/brand-footer.component';
import { BRANDED_SIGN_IN_PREFIX, BrandService } from '../../../core/branding/brand.service';

type BrandState = 'loading' | 'ready' | 'missing' | 'failed';

/**
 * The centered card that frames every sign-in page. On an agency's sign-in address
 * (`/a/<slug>/...`) or custom domain it wears the agency's brand instead of Atrium's: logo or
 * portal name, side image, support contact, legal footer, and "powered by Atrium" only when the
 * agency shows it.
 */
@Component({
  selector: 'atr-auth-layout',
  imports: [
    BrandFooterComponent,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    RouterOutlet,
  ],
  template: `
    <div class="auth" [class.auth--with-image]="sideImage()">
      @if (sideImage(); as image) {
        <div class="auth__aside">
          <img class="auth__aside-image" [src]="image.url" alt="" [width]="image.width" [height]="image.height" />
        </div>
      }
      <div class="auth__column">
        <header class="auth__brand">
          @if (brand(); as b) {
            <a class="auth__logo" [routerLink]="signInLink()">
              @if (logo(); as image) {
                <img
                  class="auth__logo-image"
                  [src]="image.url"
                  [alt]="b.portalName"
                  [width]="image.width"
                  [height]="image.height"
                />
              } @else {
                <span>{{ b.portalName }}</span>
              }
            </a>
          } @else if (state() === 'ready') {
            <a routerLink="/" class="auth__logo">
              <mat-icon aria-hidden="true">space_dashboard</mat-icon>
              <span>Atrium</span>
            </a>
          }
        </header>
        <main id="main" class="auth__main">
          <mat-card appearance="outlined" class="auth__card">
            <mat-card-content>
              @switch (state()) {
                @case ('loading') {
                  <div role="status" class="auth__status">
                    <mat-progress-bar mode="indeterminate" aria-label="Opening the sign-in page" />
                    <span class="atr-visually-hidden">Opening the sign-in page…</span>
                  </div>
                }
                @case ('missing') {
                  <section class="atr-stack" aria-labelledby="auth-missing-title">
                    <mat-icon class="auth__state-icon" aria-hidden="true">link_off</mat-icon>
                    <h1 id="auth-missing-title" class="auth__state-title">There is no sign-in page at this address</h1>
                    <p>Check the address in the email or message you were sent, or ask the people who sent it.</p>
                  </section>
                }
                @case ('failed') {
                  <section class="atr-stack" aria-labelledby="auth-failed-title">
                    <h1 id="auth-failed-title" class="auth__state-title">This page did not load</h1>
                    <p>Check your connection and try again.</p>
                    <button mat-flat-button type="button" (click)="load()">Try again</button>
                  </section>
                }
                @default {
                  <router-outlet />
                }
              }
            </mat-card-content>
          </mat-card>
        </main>
        @if (hasFooter()) {
          <atr-brand-footer class="auth__footer" [brand]="brand()" />
        }
      </div>
    </div>
  `,
  styles: `
    .auth {
      min-height: 100dvh;
      display: flex;
      background: var(--mat-sys-surface-container-low);
      color: var(--mat-sys-on-surface);
    }
    .auth__aside {
      display: none;
    }
    .auth__column {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-direction: column;
      align-items: center;
      padding: 24px 12px 48px;
    }
    .auth__brand {
      margin: 8px 0 24px;
      min-height: 40px;
    }
    .auth__logo {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      color: var(--mat-sys-primary);
      text-decoration: none;
      font: var(--mat-sys-headline-small);
      font-weight: 700;
      overflow-wrap: anywhere;
      text-align: center;
    }
    .auth__logo-image {
      display: block;
      max-width: min(240px, 80vw);
      max-height: 64px;
      width: auto;
      height: auto;
    }
    .auth__main {
      width: 100%;
      max-width: 440px;
    }
    .auth__card {
      padding: 16px 8px;
      background: var(--mat-sys-surface);
    }
    .auth__status {
      padding: 24px 0;
    }
    .auth__state-icon {
      width: 48px;
      height: 48px;
      font-size: 48px;
      color: var(--mat-sys-primary);
    }
    .auth__state-title {
      font: var(--mat-sys-headline-small);
    }
    .auth__state-title + p,
    .atr-stack p {
      margin: 0;
    }
    .auth__footer {
      width: 100%;
      max-width: 440px;
      margin-top: 24px;
    }
    @media (min-width: 600px) {
      .auth__card {
        padding: 24px 16px;
      }
    }
    @media (min-width: 960px) {
      .auth--with-image .auth__aside {
        display: block;
        flex: 0 0 42%;
        max-width: 720px;
        position: sticky;
        top: 0;
        height: 100dvh;
        background: var(--mat-sys-primary-container);
      }
      .auth__aside-image {
        display: block;
        width: 100%;
        height: 100%;
        object-fit: cover;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuthLayoutComponent {
  private readonly brands = inject(BrandService);
  private readonly theme = inject(BrandThemeService);
  private readonly router = inject(Router);

  /** The agency's sign-in address slug, on `/a/:slug/...` routes. */
  readonly slug = input<string | undefined>();

  protected readonly state = signal<BrandState>('loading');
  protected readonly brand = this.brands.brand;
  protected readonly hasFooter = computed(() => hasBrandFooter(this.brand()));
  protected readonly logo = computed(() => {
    const images = this.brand()?.images;
    return (this.theme.dark() ? (images?.logoDark ?? images?.logoLight) : images?.logoLight) ?? null;
  });
  protected readonly sideImage = computed(() => (this.state() === 'ready' && this.brand()?.images.signInImage) || null);
  protected readonly signInLink = computed(() => `${this.brands.signInBase()}${WEB_PATHS.login}`);

  private loading: Subscription | null = null;

  constructor() {
    // Another agency's address in the same layout (a link from one to the other) reloads the brand.
    effect(() => {
      this.slug();
      untracked(() => this.load());
    });
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
  }

  private moveToSlug(from: string, to: string): void {
    const prefix = `${BRANDED_SIGN_IN_PREFIX}/${encodeURIComponent(from)}`;
    const url = this.router.url;
    if (url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`)) {
      void this.router.navigateByUrl(`${BRANDED_SIGN_IN_PREFIX}/${encodeURIComponent(to)}${url.slice(prefix.length)}`, {
        replaceUrl: true,
      });
    }
  }

  protected load(): void {
    this.loading?.unsubscribe();
    this.state.set('loading');
    const slug = this.slug() ?? null;
    this.loading = this.brands.forSignIn(slug).subscribe({
      next: (brand) => {
        this.state.set('ready');
        // An address with the slug the agency changed from: go on at its current one.
        if (slug && brand && brand.slug !== slug) this.moveToSlug(slug, brand.slug);
      },
      error: (error: unknown) =>
        this.state.set(error instanceof HttpErrorResponse && error.status === 404 ? 'missing' : 'failed'),
    });
  }
}
