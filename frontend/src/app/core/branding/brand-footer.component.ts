import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { PublicBrand } from '@atrium/shared';

/** Whether the brand has anything for its footer (pages leave the footer's room out otherwise). */
export function hasBrandFooter(brand: PublicBrand | null): brand is PublicBrand {
  return Boolean(brand && (brand.supportEmail || brand.supportUrl || brand.legalFooter || brand.showPoweredBy));
}

/**
 * The brand's footer on client-facing pages (the sign-in card and the portal shell): support
 * contacts, the legal text, and "Powered by Atrium" only where the agency shows it. Renders
 * nothing when the brand has none of these. Where it sits (width, border) is the page's business.
 */
@Component({
  selector: 'atr-brand-footer',
  template: `
    @if (shown(); as b) {
      <footer class="brand-footer">
        @if (b.supportEmail || b.supportUrl) {
          <p>
            Need help?
            @if (b.supportEmail) {
              <a [href]="'mailto:' + b.supportEmail">{{ b.supportEmail }}</a>
            }
            @if (b.supportEmail && b.supportUrl) {
              <span aria-hidden="true"> · </span>
            }
            @if (b.supportUrl) {
              <a [href]="b.supportUrl" target="_blank" rel="noopener noreferrer">Help centre</a>
            }
          </p>
        }
        @if (b.legalFooter) {
          <p class="brand-footer__legal">{{ b.legalFooter }}</p>
        }
        @if (b.showPoweredBy) {
          <p>Powered by Atrium</p>
        }
      </footer>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .brand-footer {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      text-align: center;
      overflow-wrap: anywhere;

      p {
        margin: 0 0 8px;
      }
      a {
        display: inline-block;
        padding: 4px 0;
      }
    }
    .brand-footer__legal {
      white-space: pre-line;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BrandFooterComponent {
  readonly brand = input<PublicBrand | null>(null);

  protected readonly shown = computed(() => {
    const brand = this.brand();
    return hasBrandFooter(brand) ? brand : null;
  });
}
