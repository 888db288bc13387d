import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { InviteAvailability } from '@atrium/shared';

let nextId = 0;

/**
 * An Invite button that explains itself: when inviting is not possible (plan, unconfirmed email),
 * it is disabled and the server's reasons are written beside it and tied to it for screen readers.
 */
@Component({
  selector: 'atr-invite-button',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <button
      mat-stroked-button
      type="button"
      [disabled]="!allowed()"
      [attr.aria-describedby]="showReasons() ? reasonsId : null"
      (click)="invite.emit()"
    >
      <mat-icon aria-hidden="true">person_add</mat-icon>
      {{ label() }}
      @if (target()) {
        <span class="atr-visually-hidden">{{ ' to ' + target() }}</span>
      }
    </button>
    @if (showReasons()) {
      <ul class="reasons" [id]="reasonsId">
        @for (reason of reasons(); track reason) {
          <li>{{ reason }}</li>
        }
      </ul>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 4px;
      max-width: 100%;
    }
    .reasons {
      margin: 0;
      padding: 0;
      list-style: none;
      max-width: 260px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InviteButtonComponent {
  /** Null while not known yet: the button waits, disabled, without reasons. */
  readonly availability = input<InviteAvailability | null>(null);
  /** Who the invitation is for ("Acme Coffee"): completes the accessible name, "Invite to Acme Coffee". */
  readonly target = input('');
  readonly label = input('Invite');
  readonly invite = output<void>();

  protected readonly reasonsId = `atr-invite-reasons-${nextId++}`;
  protected readonly allowed = computed(() => this.availability()?.allowed === true);
  protected readonly reasons = computed(() => this.availability()?.reasons ?? []);
  protected readonly showReasons = computed(() => !this.allowed() && this.reasons().length > 0);
}
