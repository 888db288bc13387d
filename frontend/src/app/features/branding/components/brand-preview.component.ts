import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { BRAND_THEME_ROLES, type BrandImageSlot, type BrandTheme, type PublicBrand } from '@atrium/shared';

type Scheme = 'light' | 'dark';

function cssVariables(roles: Record<string, string>): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const role of BRAND_THEME_ROLES) vars[`--mat-sys-${role}`] = roles[role];
  return vars;
}

/**
 * The live preview beside the branding form: the portal's top bar, the sign-in page and an email,
 * painted with the scheme derived from the colours as they are typed. Scoped: it sets the same
 * `--mat-sys-*` variables the portal gets, on its own box only. Nothing in it is interactive.
 */
@Component({
  selector: 'atr-brand-preview',
  imports: [MatButtonToggleModule],
  template: `
    <section class="preview" aria-labelledby="brand-preview-title">
      <div class="preview__head">
        <h2 id="brand-preview-title">Preview</h2>
        <mat-button-toggle-group
          [value]="scheme()"
          (change)="scheme.set($event.value)"
          aria-label="Preview colours"
          hideSingleSelectionIndicator
        >
          <mat-button-toggle value="light">Light</mat-button-toggle>
          <mat-button-toggle value="dark">Dark</mat-button-toggle>
        </mat-button-toggle-group>
      </div>
      <p class="preview__intro">
        What your clients see, as you type. Dark is for people whose device asks for dark pages; emails are always
        light. Nothing changes for them until you save.
      </p>

      <div class="canvas" [style]="pageVars()" data-testid="brand-preview">
        <h3 class="canvas__label">Portal</h3>
        <div class="bar">
          @if (logo(); as url) {
            <img class="bar__logo" [src]="url" [alt]="brand().portalName" />
          } @else {
            <span class="bar__name">{{ brand().portalName }}</span>
          }
          <span class="bar__link bar__link--active">Dashboard</span>
          <span class="bar__link">Calendar</span>
          <span class="bar__avatar" aria-hidden="true">AB</span>
        </div>
        <div class="page">
          <p class="page__title">Welcome, Anna</p>
          <p class="page__text">Your scheduled posts and files are here.</p>
          <span class="button">Upload files</span>
          <span class="link">See the calendar</span>
          @if (brand().showPoweredBy) {
            <p class="small">Powered by Atrium</p>
          }
        </div>

        <h3 class="canvas__label">Sign-in page</h3>
        <div class="signin">
          @if (image('signInImage'); as url) {
            <img class="signin__image" [src]="url" alt="" />
          }
          <div class="signin__body">
            @if (logo(); as url) {
              <img class="signin__logo" [src]="url" [alt]="brand().portalName" />
            } @else {
              <p class="signin__name">{{ brand().portalName }}</p>
            }
            <div class="card">
              <p class="card__title">{{ brand().signInHeadline || 'Sign in' }}</p>
              <p class="card__text">{{ brand().signInText || 'To ' + brand().portalName + '.' }}</p>
              <span class="field">Email</span>
              <span class="field">Password</span>
              <span class="button button--wide">Sign in</span>
              <span class="link">Forgot your password?</span>
            </div>
            <div class="footer">
              @if (brand().supportEmail || brand().supportUrl) {
                <p>
                  Need help?
                  @if (brand().supportEmail) {
                    <span class="link">{{ brand().supportEmail }}</span>
                  }
                  @if (brand().supportUrl) {
                    <span class="link">Help centre</span>
                  }
                </p>
              }
              @if (brand().legalFooter) {
                <p class="footer__legal">{{ brand().legalFooter }}</p>
              }
              @if (brand().showPoweredBy) {
                <p>Powered by Atrium</p>
              }
            </div>
          </div>
        </div>

        <h3 class="canvas__label">Email</h3>
        <div class="email" [style]="emailVars()">
          <div class="email__head">
            @if (emailLogo(); as url) {
              <img class="email__logo" [src]="url" [alt]="brand().portalName" />
            } @else {
              <p class="email__name">{{ brand().portalName }}</p>
            }
          </div>
          <div class="email__body">
            <p class="email__title">You're invited to {{ brand().portalName }}</p>
            <p>Anna from your agency invited you to your client portal.</p>
            <span class="button">Accept invitation</span>
          </div>
          <div class="email__foot">
            @if (brand().legalFooter) {
              <p class="footer__legal">{{ brand().legalFooter }}</p>
            }
            @if (brand().showPoweredBy) {
              <p>Powered by Atrium</p>
            }
          </div>
        </div>
      </div>
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .preview__head {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      justify-content: space-between;
    }
    h2 {
      font: var(--mat-sys-title-large);
    }
    .preview__intro {
      margin: 8px 0 12px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    p {
      margin: 0;
    }
    .canvas {
      display: flex;
      flex-direction: column;
      gap: 8px;
      padding: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container-lowest);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-body-medium);
      overflow-wrap: anywhere;
    }
    .canvas__label {
      margin-top: 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
    }
    .canvas__label:first-child {
      margin-top: 0;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: center;
      padding: 8px 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium) var(--mat-sys-corner-medium) 0 0;
      background: var(--mat-sys-surface);
    }
    .bar__logo {
      max-width: 120px;
      max-height: 28px;
    }
    .bar__name {
      color: var(--mat-sys-primary);
      font: var(--mat-sys-title-medium);
    }
    .bar__link {
      padding: 4px 10px;
      border-radius: var(--mat-sys-corner-full);
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
    }
    .bar__link--active {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .bar__avatar {
      display: inline-grid;
      place-items: center;
      width: 28px;
      height: 28px;
      margin-left: auto;
      border-radius: 50%;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
      font: var(--mat-sys-label-small);
    }
    .page {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 8px;
      margin-top: -8px;
      padding: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-top: 0;
      border-radius: 0 0 var(--mat-sys-corner-medium) var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-lowest);
    }
    .page__title,
    .card__title,
    .email__title,
    .email__name {
      font: var(--mat-sys-title-medium);
    }
    .page__text,
    .card__text {
      color: var(--mat-sys-on-surface-variant);
      white-space: pre-line;
    }
    .button {
      display: inline-block;
      padding: 8px 16px;
      border-radius: var(--mat-sys-corner-full);
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      font: var(--mat-sys-label-large);
      text-align: center;
    }
    .button--wide {
      display: block;
    }
    .link {
      color: var(--mat-sys-primary);
      text-decoration: underline;
    }
    .small {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .signin {
      display: flex;
      overflow: hidden;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
    }
    .signin__image {
      width: 30%;
      object-fit: cover;
    }
    .signin__body {
      flex: 1;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 8px;
      min-width: 0;
      padding: 12px;
    }
    .signin__name {
      color: var(--mat-sys-primary);
      font: var(--mat-sys-title-large);
      font-weight: 700;
    }
    .card {
      display: flex;
      flex-direction: column;
      gap: 8px;
      width: 100%;
      max-width: 280px;
      padding: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface);
    }
    .field {
      display: block;
      padding: 8px 10px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-extra-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .footer {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      text-align: center;

      p + p {
        margin-top: 4px;
      }
      .link + .link {
        margin-left: 8px;
      }
    }
    .footer__legal {
      white-space: pre-line;
    }
    .email {
      overflow: hidden;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
      color: var(--mat-sys-on-surface);
    }
    .email__head {
      padding: 12px 12px 0;
    }
    .signin__logo,
    .email__logo {
      max-width: 140px;
      max-height: 36px;
    }
    .email__name {
      color: var(--mat-sys-primary);
    }
    .email__body {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 8px;
      margin: 12px;
      padding: 12px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-lowest);
    }
    .email__foot {
      padding: 0 12px 12px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BrandPreviewComponent {
  /** The brand as the form stands. */
  readonly brand = input.required<PublicBrand>();
  /** Its derived scheme. */
  readonly theme = input.required<BrandTheme>();
  /** Images chosen but not saved yet (object URLs), shown instead of the saved ones. */
  readonly pendingImages = input<Partial<Record<BrandImageSlot, string>>>({});

  protected readonly scheme = signal<Scheme>('light');
  protected readonly pageVars = computed(() => cssVariables(this.theme()[this.scheme()]));
  /** Emails are rendered in the light scheme whatever the reader's device does. */
  protected readonly emailVars = computed(() => cssVariables(this.theme().light));
  protected readonly logo = computed(() =>
    this.scheme() === 'dark' ? (this.image('logoDark') ?? this.image('logoLight')) : this.image('logoLight'),
  );
  protected readonly emailLogo = computed(() => this.image('logoLight') ?? this.image('icon'));

  protected image(slot: BrandImageSlot): string | null {
    return this.pendingImages()[slot] ?? this.brand().images[slot]?.url ?? null;
  }
}
