import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth/auth.service';

@Component({
  selector: 'atr-not-found-page',
  imports: [NgTemplateOutlet, MatButtonModule, MatIconModule, RouterLink],
  template: `
    <ng-template #content>
      <mat-icon class="not-found__icon" aria-hidden="true">explore_off</mat-icon>
      <h1>Page not found</h1>
      <p class="atr-muted">The page you asked for does not exist, or it has moved.</p>
      <a mat-flat-button [routerLink]="homeUrl()">
        {{ signedIn() ? 'Go to your home page' : 'Go to sign in' }}
      </a>
    </ng-template>
    <!-- Inside a shell the page already sits in the shell's <main>; there must be only one. -->
    @if (embedded()) {
      <div class="not-found"><ng-container [ngTemplateOutlet]="content" /></div>
    } @else {
      <main id="main" class="not-found not-found--page">
        <ng-container [ngTemplateOutlet]="content" />
      </main>
    }
  `,
  styles: `
    .not-found {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 12px;
      padding: 64px 16px;
      text-align: center;
    }
    .not-found--page {
      min-height: 100dvh;
    }
    .not-found__icon {
      width: 56px;
      height: 56px;
      font-size: 56px;
      color: var(--mat-sys-primary);
    }
    h1 {
      font: var(--mat-sys-headline-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {
  private readonly auth = inject(AuthService);
  /** Route data: true when rendered inside the agency or portal shell. */
  readonly embedded = input(false);
  protected readonly homeUrl = this.auth.homeUrl;
  protected readonly signedIn = this.auth.isSignedIn;
}
