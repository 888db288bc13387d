import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { MagicLinkResponse } from '@atrium/shared';
import { Observable } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { LoadState, toLoadState } from '../../../core/http/load-state';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { MagicLinkResultComponent } from './magic-link-result.component';

export interface MagicLinkDialogData {
  readonly personName: string;
  readonly create: () => Observable<MagicLinkResponse>;
  readonly revoke?: () => Observable<void>;
}

/** Makes a one-time sign-in link for one person and shows it, with a way to kill it again. */
@Component({
  selector: 'atr-magic-link-dialog',
  imports: [MatButtonModule, MatDialogModule, MatProgressBarModule, MagicLinkResultComponent, NoticeComponent],
  template: `
    <h2 mat-dialog-title>Magic link for {{ data.personName }}</h2>
    <mat-dialog-content>
      @switch (state().status) {
        @case ('loading') {
          <div role="status">
            <mat-progress-bar mode="indeterminate" aria-label="Creating the link" />
            <span class="atr-visually-hidden">Creating the link…</span>
          </div>
        }
        @case ('error') {
          <atr-notice kind="error" [message]="errorMessage()">
            <button mat-stroked-button type="button" (click)="create()">Try again</button>
          </atr-notice>
        }
        @case ('ready') {
          @if (link(); as value) {
            @if (revoked()) {
              <atr-notice kind="success" message="The link was revoked: it no longer signs anyone in." />
            } @else {
              <atr-magic-link-result [link]="value" [personName]="data.personName" />
            }
          }
          <atr-notice [message]="revokeError()" kind="error" />
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (data.revoke && link() && !revoked()) {
        <button mat-button type="button" [disabled]="revoking()" (click)="revoke()">Revoke link</button>
      }
      <button mat-flat-button type="button" mat-dialog-close>Done</button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MagicLinkDialogComponent {
  protected readonly data = inject<MagicLinkDialogData>(MAT_DIALOG_DATA);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<LoadState<MagicLinkResponse>>({ status: 'loading' });
  protected readonly revoked = signal(false);
  protected readonly revoking = signal(false);
  protected readonly revokeError = signal<string | null>(null);

  constructor() {
    this.create();
  }

  protected link(): MagicLinkResponse | null {
    const state = this.state();
    return state.status === 'ready' ? state.value : null;
  }

  protected errorMessage(): string {
    const state = this.state();
    return state.status === 'error' ? state.error.message : '';
  }

  protected create(): void {
    this.data
      .create()
      .pipe(toLoadState, takeUntilDestroyed(this.destroyRef))
      .subscribe((state) => this.state.set(state));
  }

  protected revoke(): void {
    const revoke = this.data.revoke;
    if (!revoke || this.revoking()) {
      return;
    }
    this.revoking.set(true);
    this.revokeError.set(null);
    revoke().subscribe({
      next: () => {
        this.revoking.set(false);
        this.revoked.set(true);
      },
      error: (error: unknown) => {
        this.revoking.set(false);
        this.revokeError.set(toApiError(error).message);
      },
    });
  }
}
