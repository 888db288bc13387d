import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink, RouterOutlet } from '@angular/router';

/** The centered card that frames every sign-in page. */
@Component({
  selector: 'atr-auth-layout',
  imports: [MatCardModule, MatIconModule, RouterLink, RouterOutlet],
  template: `
    <div class="auth">
      <header class="auth__brand">
        <a routerLink="/" class="auth__logo">
          <mat-icon aria-hidden="true">space_dashboard</mat-icon>
          <span>Atrium</span>
        </a>
      </header>
      <main id="main" class="auth__main">
        <mat-card appearance="outlined" class="auth__card">
          <mat-card-content>
            <router-outlet />
          </mat-card-content>
        </mat-card>
      </main>
    </div>
  `,
  styles: `
    .auth {
      min-height: 100dvh;
      display: flex;
      flex-direction: column;
      align-items: center;
      padding: 24px 12px 48px;
      background: var(--mat-sys-surface-container-low);
    }
    .auth__brand {
      margin: 8px 0 24px;
    }
    .auth__logo {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      color: var(--mat-sys-primary);
      text-decoration: none;
      font: var(--mat-sys-headline-small);
      font-weight: 700;
    }
    .auth__main {
      width: 100%;
      max-width: 440px;
    }
    .auth__card {
      padding: 16px 8px;
      background: var(--mat-sys-surface);
    }
    @media (min-width: 600px) {
      .auth__card {
        padding: 24px 16px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuthLayoutComponent {}
