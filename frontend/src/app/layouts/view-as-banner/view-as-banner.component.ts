import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { Router } from '@angular/router';
import { VIEW_AS_PATHS } from '@atrium/shared';
import { ActiveClientService } from '../../core/auth/active-client.service';
import { AuthService } from '../../core/auth/auth.service';

/**
 * Always in sight while an agency user views the portal as a client user ("View as client"): whose
 * portal, as whom, and that nothing can be changed. Close ends the view in this tab only.
 */
@Component({
  selector: 'atr-view-as-banner',
  imports: [MatButtonModule, MatIconModule],
  template: `
    @if (view(); as shown) {
      <section class="view-as" aria-label="View as client">
        <mat-icon class="view-as__icon" aria-hidden="true">visibility</mat-icon>
        <p class="view-as__text">
          You are viewing <strong>{{ shown.client }}</strong> as <strong>{{ shown.person }}</strong
          >. Changes are turned off.
        </p>
        <button mat-stroked-button type="button" class="view-as__close" (click)="close()">Close</button>
      </section>
    }
  `,
  styles: `
    .view-as {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
      padding: 8px 16px;
      background: var(--mat-sys-inverse-surface);
      color: var(--mat-sys-inverse-on-surface);
    }
    .view-as__icon {
      flex: none;
    }
    .view-as__text {
      flex: 1 1 16rem;
      margin: 0;
      font: var(--mat-sys-body-medium);
    }
    .view-as__close {
      --mat-button-outlined-label-text-color: var(--mat-sys-inverse-on-surface);
      --mat-button-outlined-outline-color: var(--mat-sys-inverse-on-surface);
      flex: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ViewAsBannerComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly activeClient = inject(ActiveClientService);

  protected readonly view = computed(() => {
    const me = this.auth.me();
    if (!me?.viewAs) {
      return null;
    }
    return { client: this.activeClient.client()?.name ?? '', person: me.name };
  });

  /** Forgets the view here, then closes the tab (the browser allows it for tabs a script opened). */
  protected close(): void {
    void this.router.navigateByUrl(VIEW_AS_PATHS.ended).then(() => {
      this.auth.endViewAs();
      window.close();
    });
  }
}
