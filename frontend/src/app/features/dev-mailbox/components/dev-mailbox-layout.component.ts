import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterOutlet } from '@angular/router';
import { WEB_PATHS } from '@atrium/shared';

@Component({
  selector: 'atr-dev-mailbox-layout',
  imports: [MatIconModule, MatToolbarModule, RouterLink, RouterOutlet],
  template: `
    <header>
      <mat-toolbar class="bar">
        <mat-icon aria-hidden="true">inbox</mat-icon>
        <a class="bar__title" [routerLink]="paths.devMailbox">Atrium dev mailbox</a>
        <span class="spacer"></span>
        <a class="bar__link" [routerLink]="paths.login">Sign in</a>
      </mat-toolbar>
    </header>
    <main id="main" class="atr-page">
      <router-outlet />
    </main>
  `,
  styles: `
    .bar {
      gap: 12px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-low);
    }
    .bar__title {
      color: inherit;
      text-decoration: none;
      font: var(--mat-sys-title-large);
    }
    .bar__link {
      font: var(--mat-sys-label-large);
    }
    .spacer {
      flex: 1 1 auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DevMailboxLayoutComponent {
  protected readonly paths = WEB_PATHS;
}
