import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { MeResponse } from '@atrium/shared';
import { Observable, finalize } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { UserAvatarComponent } from '../../../core/ui/user-avatar.component';
import { SettingsApi } from '../data-access/settings.api';
import { pictureErrorText } from '../settings-errors';

type Busy = 'save' | 'remove' | null;

/** The profile picture: choose an image, see it before saving, or remove the current one. */
@Component({
  selector: 'atr-avatar-form',
  imports: [MatButtonModule, MatIconModule, NoticeComponent, UserAvatarComponent],
  template: `
    <div class="avatar-form">
      <atr-user-avatar
        [name]="name()"
        [src]="previewUrl() ?? avatarUrl()"
        [size]="96"
        [alt]="previewUrl() ? 'Preview of your new profile picture' : avatarUrl() ? 'Your profile picture' : ''"
        (failed)="renew($event)"
      />
      <div class="avatar-form__side">
        <atr-notice [message]="error()" kind="error" />
        <atr-notice [message]="done()" kind="success" />
        @if (chosen(); as file) {
          <p class="avatar-form__text">
            Preview of <strong>{{ file.name }}</strong
            >. Save it to use it everywhere.
          </p>
          <div class="avatar-form__actions">
            <button
              mat-flat-button
              type="button"
              [disabled]="!!busy()"
              [attr.aria-busy]="busy() === 'save' ? 'true' : null"
              (click)="save(file)"
            >
              Save picture
            </button>
            <button mat-button type="button" [disabled]="!!busy()" (click)="discard()">Cancel</button>
          </div>
        } @else {
          <p class="avatar-form__text atr-muted">
            {{ avatarUrl() ? 'Shown next to your name.' : 'No picture yet: your initials are shown instead.' }}
            A square image works best.
          </p>
          <div class="avatar-form__actions">
            <button mat-stroked-button type="button" [disabled]="!!busy()" (click)="input.click()">
              <mat-icon aria-hidden="true">add_a_photo</mat-icon>
              {{ avatarUrl() ? 'Change picture' : 'Choose picture' }}
            </button>
            @if (avatarUrl()) {
              <button
                mat-button
                type="button"
                class="danger"
                [disabled]="!!busy()"
                [attr.aria-busy]="busy() === 'remove' ? 'true' : null"
                (click)="remove()"
              >
                Remove picture
              </button>
            }
          </div>
        }
        <input #input type="file" accept="image/*" hidden (change)="pick(input)" />
      </div>
    </div>
  `,
  styles: `
    .avatar-form {
      display: flex;
      flex-wrap: wrap;
      gap: 16px 24px;
      align-items: center;
    }
    .avatar-form__side {
      display: flex;
      flex: 1 1 220px;
      flex-direction: column;
      gap: 8px;
      min-width: 0;
    }
    .avatar-form__text {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .avatar-form__actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .avatar-form__actions button {
      min-height: 44px;
    }
    .danger {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AvatarFormComponent {
  private readonly api = inject(SettingsApi);
  private readonly auth = inject(AuthService);

  protected readonly name = computed(() => this.auth.me()?.name ?? '');
  protected readonly avatarUrl = computed(() => this.auth.me()?.avatarUrl ?? null);
  protected readonly chosen = signal<File | null>(null);
  /** A local object URL of the chosen file, revoked when it is no longer shown. */
  protected readonly previewUrl = signal<string | null>(null);
  protected readonly busy = signal<Busy>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.setPreview(null));
  }

  protected pick(input: HTMLInputElement): void {
    const file = input.files?.[0] ?? null;
    input.value = '';
    this.error.set(null);
    this.done.set(null);
    if (!file) {
      return;
    }
    if (!file.type.startsWith('image/')) {
      this.error.set(`${file.name} is not an image. Choose a JPEG, PNG or WebP picture.`);
      return;
    }
    this.chosen.set(file);
    this.setPreview(file);
  }

  protected discard(): void {
    this.chosen.set(null);
    this.setPreview(null);
  }

  protected save(file: File): void {
    this.run('save', this.api.setAvatar(file), 'Profile picture saved.');
  }

  protected remove(): void {
    this.run('remove', this.api.removeAvatar(), 'Profile picture removed.');
  }

  protected renew(staleUrl: string): void {
    this.auth.renewAvatarUrl(staleUrl);
  }

  private run(kind: Exclude<Busy, null>, request: Observable<MeResponse>, message: string): void {
    if (this.busy()) {
      return;
    }
    this.busy.set(kind);
    this.error.set(null);
    this.done.set(null);
    request.pipe(finalize(() => this.busy.set(null))).subscribe({
      next: (me) => {
        this.auth.setMe(me);
        this.discard();
        this.done.set(message);
      },
      error: (error: unknown) => this.error.set(pictureErrorText(error)),
    });
  }

  private setPreview(file: File | null): void {
    const old = this.previewUrl();
    if (old) {
      URL.revokeObjectURL(old);
    }
    this.previewUrl.set(file ? URL.createObjectURL(file) : null);
  }
}
