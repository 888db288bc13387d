import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { Router, RouterLink } from '@angular/router';
import { WEB_PATHS } from '@atrium/shared';
import { AuthService } from '../../core/auth/auth.service';
import { settingsFor } from '../../core/auth/return-url';
import { BrandService } from '../../core/branding/brand.service';
import { UserAvatarComponent } from '../../core/ui/user-avatar.component';

/** The signed-in user's menu: who they are, their settings, and Sign out. Shared by both shells. */
@Component({
  selector: 'atr-user-menu',
  imports: [MatDividerModule, MatIconModule, MatMenuModule, RouterLink, UserAvatarComponent],
  template: `
    <button type="button" class="trigger" [matMenuTriggerFor]="menu" [attr.aria-label]="'Account menu, ' + name()">
      <atr-user-avatar [name]="name()" [src]="avatarUrl()" (failed)="renewAvatar($event)" />
      <span class="trigger__name">{{ name() }}</span>
      <mat-icon class="trigger__arrow" aria-hidden="true">expand_more</mat-icon>
    </button>

    <mat-menu #menu="matMenu" xPosition="before" aria-label="Account">
      <!-- Plain text, not a menu item: it tells who is signed in and does nothing. -->
      <div class="who">
        <atr-user-avatar [name]="name()" [src]="avatarUrl()" [size]="40" (failed)="renewAvatar($event)" />
        <div class="who__text">
          <div class="who__name">{{ name() }}</div>
          <div class="who__email">{{ email() }}</div>
        </div>
      </div>
      <mat-divider />
      <a mat-menu-item [routerLink]="settingsLink()">
        <mat-icon aria-hidden="true">settings</mat-icon>
        <span>{{ settingsLabel() }}</span>
      </a>
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
  private readonly brands = inject(BrandService);

  protected readonly name = computed(() => this.auth.me()?.name ?? '');
  protected readonly email = computed(() => this.auth.me()?.email ?? '');
  protected readonly avatarUrl = computed(() => this.auth.me()?.avatarUrl ?? null);
  protected readonly settingsLink = computed(() => settingsFor(this.auth.me()?.audience ?? 'client'));
  /** The portal has one Settings page; in the workspace "Settings" is the agency's, this is the person's. */
  protected readonly settingsLabel = computed(() =>
    this.auth.me()?.audience === 'agency' ? 'Profile settings' : 'Settings',
  );

  protected renewAvatar(staleUrl: string): void {
    this.auth.renewAvatarUrl(staleUrl);
  }

  protected signOut(): void {
    // A client user goes back to the sign-in page of their agency's brand, not Atrium's.
    const signIn = this.auth.me()?.audience === 'client' ? this.brands.signInPath(WEB_PATHS.login) : WEB_PATHS.login;
    this.auth.logout().subscribe(() => void this.router.navigateByUrl(signIn));
  }
}
