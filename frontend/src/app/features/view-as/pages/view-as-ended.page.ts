import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { VIEW_AS_TTL_SECONDS, WEB_PATHS } from '@atrium/shared';

/**
 * Where a "View as client" tab ends up once the view is closed or has run out (or, for a tab the
 * browser would not let a script close, after Close). Only agency users ever see it.
 */
@Component({
  selector: 'atr-view-as-ended-page',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <main id="main" class="ended">
      <mat-icon class="ended__icon" aria-hidden="true">visibility_off</mat-icon>
      <h1>View as client has ended</h1>
      <p class="atr-muted">
        A view lasts {{ minutes }} minutes and changes nothing. To look again, use View as client in Settings &gt;
        Clients. You can close this tab.
      </p>
      <!-- A full page load, so the workspace picks up your own session again. -->
      <a mat-flat-button [href]="clientsUrl">Back to Clients</a>
    </main>
  `,
  styles: `
    .ended {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 12px;
      min-height: 100dvh;
      padding: 64px 16px;
      text-align: center;
    }
    .ended__icon {
      width: 56px;
      height: 56px;
      font-size: 56px;
      color: var(--mat-sys-primary);
    }
    h1 {
      font: var(--mat-sys-headline-medium);
    }
    p {
      max-width: 36rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ViewAsEndedPage {
  protected readonly minutes = VIEW_AS_TTL_SECONDS / 60;
  protected readonly clientsUrl = WEB_PATHS.agencyClients;
}
