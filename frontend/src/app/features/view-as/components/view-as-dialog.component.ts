import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import { VIEW_AS_TTL_SECONDS, type ClientMemberRow } from '@atrium/shared';
import { Observable, finalize } from 'rxjs';
import { NoticeComponent } from '../../../core/ui/notice.component';

export interface ViewAsDialogData {
  readonly clientName: string;
  /** The client's active people (at least two: with one, nobody needs to be asked). */
  readonly people: readonly ClientMemberRow[];
  /** Opens the view as this person, in a new tab (synchronously, within the click). */
  readonly open: (userId: string) => Observable<void>;
}

/** Result: the person the portal was opened as. */
export type ViewAsDialogResult = ClientMemberRow;

/** "View as client": which of the client's people to see the portal as. */
@Component({
  selector: 'atr-view-as-dialog',
  imports: [MatButtonModule, MatDialogModule, MatProgressSpinnerModule, MatRadioModule, NoticeComponent],
  template: `
    <h2 mat-dialog-title>View {{ data.clientName }} as…</h2>
    <mat-dialog-content>
      <p class="intro" id="view-as-intro">
        The portal opens in a new tab exactly as this person sees it, for {{ minutes }} minutes. Changes are turned off
        there, and the view is recorded.
      </p>
      <atr-notice [message]="error()" kind="error" />
      <mat-radio-group
        class="people"
        aria-label="Person to view the portal as"
        aria-describedby="view-as-intro"
        [value]="chosen()"
        (change)="chosen.set($event.value)"
      >
        @for (person of data.people; track person.id) {
          <mat-radio-button [value]="person.id">
            <span class="person__name">{{ person.name }}</span>
            <span class="person__detail atr-muted"
              >{{ person.email }} · {{ person.role === 'admin' ? 'Admin' : 'Member' }}</span
            >
          </mat-radio-button>
        }
      </mat-radio-group>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button
        mat-flat-button
        type="button"
        (click)="submit()"
        [disabled]="opening()"
        [attr.aria-busy]="opening() ? 'true' : null"
      >
        @if (opening()) {
          <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
        }
        Open portal
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .intro {
      margin: 0 0 12px;
    }
    .people {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .person__name,
    .person__detail {
      display: block;
      overflow-wrap: anywhere;
    }
    mat-progress-spinner {
      display: inline-block;
      margin-right: 8px;
      vertical-align: middle;
      --mat-progress-spinner-active-indicator-color: currentColor;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ViewAsDialogComponent {
  protected readonly data = inject<ViewAsDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ViewAsDialogComponent, ViewAsDialogResult>>(MatDialogRef);

  protected readonly minutes = VIEW_AS_TTL_SECONDS / 60;
  protected readonly chosen = signal<string>(this.data.people[0]?.id ?? '');
  protected readonly opening = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    const person = this.data.people.find((candidate) => candidate.id === this.chosen());
    if (!person || this.opening()) {
      return;
    }
    this.error.set(null);
    this.opening.set(true);
    this.data
      .open(person.id)
      .pipe(finalize(() => this.opening.set(false)))
      .subscribe({
        next: () => this.dialogRef.close(person),
        error: (error: unknown) => this.error.set(error instanceof Error ? error.message : String(error)),
      });
  }
}
