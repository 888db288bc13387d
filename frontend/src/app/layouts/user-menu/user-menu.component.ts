import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { Router } from '@angular/router';
import { WEB_PATHS } from '@atrium/shared';
import { AuthService } from '../../core/auth/auth.service';

/** The signed-in user's menu: who they are, and Sign out. Shared by both shells. */
@Component({
  selector: 'atr-user-menu',
  imports: [MatDividerModule, MatIconModule, MatMenuModule],
  template: `
    <button type="button" class="trigger" [matMenuTriggerFor]="menu" [attr.aria-label]="'Account menu, ' + name()">
      <span class="avatar" aria-hidden="true">{{ initials() }}</span>
      <span class="trigger__name">{{ name() }}</span>
      <mat-icon aria-hidden="true">expand_more</mat-icon>
    </button>

    <mat-menu #menu="matMenu" xPosition="before" aria-label="Account">
      <!-- Plain text, not a menu item: it tells who is signed in and does nothing. -->
      <div class="who">
        <span class="avatar avatar--large" aria-hidden="true">{{ initials() }}</span>
        <div class="who__text">
          <div class="who__name">{{ name() }}</div>
          <div class="who__email">{{ email() }}</div>
        </div>
      </div>
      <mat-divider />
      <button mat-menu-item type="button" (click)="signOut()">
        <mat-icon aria-hidden="true">logout</mat-icon>
        <span>Sign out</span>
      </button>
    </mat-menu>
  `,
  styleUrl: './user-menu.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserMenuComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly name = computed(() => this.auth.me()?.name ?? '');
  protected readonly email = computed(() => this.auth.me()?.email ?? '');
  protected readonly initials = computed(() =>
    this.name()
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase() ?? '')
      .join(''),
  );

  protected signOut(): void {
    this.auth.logout().subscribe(() => void this.router.navigateByUrl(WEB_PATHS.login));
  }
}
