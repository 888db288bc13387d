import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ClientMemberRow, MagicLinkResponse } from '@atrium/shared';
import { Subscription, finalize } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { NoticeComponent } from '../../../core/ui/notice.component';
import { ClientsApi } from '../../clients/data-access/clients.api';
import type { ClientChoice } from '../../members/components/invite-dialog.component';
import { MagicLinkResultComponent } from '../../members/components/magic-link-result.component';
import { activePeople } from './client-people';

export interface SendMagicLinkDialogData {
  readonly clients: readonly ClientChoice[];
}

/** Dashboard quick action [003]: pick a client user, get a one-time sign-in link to pass on. */
@Component({
  selector: 'atr-send-magic-link-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MagicLinkResultComponent,
    NoticeComponent,
  ],
  providers: [OUTLINED_FIELDS],
  template: `
    <h2 mat-dialog-title>Send a magic link</h2>
    <mat-dialog-content class="atr-form">
      @if (link(); as value) {
        @if (revoked()) {
          <atr-notice kind="success" message="The link was revoked: it no longer signs anyone in." />
        } @else {
          <atr-magic-link-result [link]="value" [personName]="person()?.name ?? ''" />
        }
      } @else {
        <p class="intro">
          A magic link signs one of your client users in without a password, once, within 15 minutes. Copy it and send
          it to them, by text message for instance.
        </p>
        <mat-form-field>
          <mat-label>Client</mat-label>
          <select matNativeControl [value]="clientId()" (change)="pickClient($any($event.target).value)">
            <option value="" disabled>Choose a client</option>
            @for (client of data.clients; track client.id) {
              <option [value]="client.id">{{ client.name }}</option>
            }
          </select>
        </mat-form-field>
        @if (loadingPeople()) {
          <div role="status">
            <mat-progress-bar mode="indeterminate" aria-label="Loading people" />
            <span class="atr-visually-hidden">Loading people…</span>
          </div>
        } @else if (clientId() && people().length === 0 && !error()) {
          <atr-notice kind="info" message="Nobody of this client has joined yet. Invite them first." />
        } @else if (people().length > 0) {
          <mat-form-field>
            <mat-label>Person</mat-label>
            <select matNativeControl [value]="personId()" (change)="personId.set($any($event.target).value)">
              <option value="" disabled>Choose a person</option>
              @for (row of people(); track row.id) {
                <option [value]="row.id">{{ row.name }} ({{ row.email }})</option>
              }
            </select>
          </mat-form-field>
        }
      }
      <atr-notice [message]="error()" kind="error" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (link()) {
        @if (!revoked()) {
          <button mat-button type="button" [disabled]="busy()" (click)="revoke()">Revoke link</button>
        }
        <button mat-flat-button type="button" mat-dialog-close>Done</button>
      } @else {
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="button" [disabled]="!person() || busy()" (click)="create()">
          Create magic link
        </button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .intro {
      margin: 0 0 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SendMagicLinkDialogComponent {
  protected readonly data = inject<SendMagicLinkDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(ClientsApi);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly clientId = signal('');
  protected readonly people = signal<ClientMemberRow[]>([]);
  protected readonly loadingPeople = signal(false);
  protected readonly personId = signal('');
  protected readonly person = computed(() => this.people().find((row) => row.id === this.personId()) ?? null);
  protected readonly link = signal<MagicLinkResponse | null>(null);
  protected readonly revoked = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private loading: Subscription | null = null;

  constructor() {
    if (this.data.clients.length === 1) {
      this.pickClient(this.data.clients[0].id);
    }
  }

  protected pickClient(clientId: string): void {
    this.clientId.set(clientId);
    this.personId.set('');
    this.people.set([]);
    this.error.set(null);
    this.loading?.unsubscribe();
    this.loadingPeople.set(true);
    this.loading = this.api
      .users(clientId)
      .pipe(
        finalize(() => this.loadingPeople.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (rows) => {
          const people = activePeople(rows);
          this.people.set(people);
          if (people.length === 1) {
            this.personId.set(people[0].id);
          }
        },
        error: (error: unknown) => this.error.set(toApiError(error).message),
      });
  }

  protected create(): void {
    const person = this.person();
    if (!person || this.busy()) {
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api
      .createMagicLink(person.id)
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (link) => this.link.set(link),
        error: (error: unknown) => this.error.set(toApiError(error).message),
      });
  }

  protected revoke(): void {
    const person = this.person();
    if (!person || this.busy()) {
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api
      .revokeMagicLinks(person.id)
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: () => this.revoked.set(true),
        error: (error: unknown) => this.error.set(toApiError(error).message),
      });
  }
}
