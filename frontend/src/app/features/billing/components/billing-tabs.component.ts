import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { WEB_PATHS } from '@atrium/shared';
import { injectBillingRole } from '../billing-role';

/** The Billing area's own navigation: invoices, recurring invoices and (owners, admins) settings. */
@Component({
  selector: 'atr-billing-tabs',
  imports: [MatTabsModule, RouterLink, RouterLinkActive],
  template: `
    <nav mat-tab-nav-bar [tabPanel]="panel" aria-label="Billing" mat-stretch-tabs="false">
      @for (tab of tabs(); track tab.link) {
        <a
          mat-tab-link
          [routerLink]="tab.link"
          routerLinkActive
          #active="routerLinkActive"
          [routerLinkActiveOptions]="{ exact: tab.exact }"
          [active]="active.isActive"
        >
          {{ tab.label }}
        </a>
      }
    </nav>
    <mat-tab-nav-panel #panel><ng-content /></mat-tab-nav-panel>
  `,
  styles: `
    :host {
      display: block;
    }
    nav {
      margin-bottom: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BillingTabsComponent {
  private readonly canManage = injectBillingRole().canManage;
  protected readonly tabs = computed(() => [
    { label: 'Invoices', link: WEB_PATHS.agencyBilling, exact: true },
    { label: 'Recurring', link: `${WEB_PATHS.agencyBilling}/recurring`, exact: false },
    ...(this.canManage() ? [{ label: 'Settings', link: `${WEB_PATHS.agencyBilling}/settings`, exact: false }] : []),
  ]);
}
