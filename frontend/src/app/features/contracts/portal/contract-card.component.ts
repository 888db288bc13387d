import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { WEB_PATHS, isFinalContractStatus, type ContractSummary } from '@atrium/shared';
import { ContractStatusChipComponent } from '../components/contract-status-chip.component';
import { contractDate, progressText } from './contract-wording';

/**
 * One contract in the list: its title is the link (the whole card answers a click), then the
 * status, when it was sent, how many have signed and until when it can be signed.
 */
@Component({
  selector: 'atr-contract-card',
  imports: [MatIconModule, RouterLink, ContractStatusChipComponent],
  template: `
    <article class="card" [class.card--mine]="contract().awaitingMe">
      <div class="card__head">
        <h3 class="card__title">
          <a class="card__link" [routerLink]="link()">{{ contract().title }}</a>
        </h3>
        <atr-contract-status-chip [status]="contract().status" />
      </div>
      <ul class="card__facts">
        @if (sent(); as date) {
          <li><mat-icon aria-hidden="true">send</mat-icon>Sent {{ date }}</li>
        }
        @if (progress(); as text) {
          <li><mat-icon aria-hidden="true">group</mat-icon>{{ text }}</li>
        }
        @if (completed(); as date) {
          <li><mat-icon aria-hidden="true">task_alt</mat-icon>Completed {{ date }}</li>
        } @else if (expires(); as date) {
          <li><mat-icon aria-hidden="true">event</mat-icon>{{ expiryWord() }} {{ date }}</li>
        }
      </ul>
      @if (contract().awaitingMe) {
        <p class="card__cta" aria-hidden="true">Open to sign <mat-icon>arrow_forward</mat-icon></p>
      }
    </article>
  `,
  styles: `
    :host {
      display: block;
    }
    .card {
      position: relative;
      display: grid;
      gap: 8px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface);
      transition: background-color 120ms;
      &:hover {
        background: var(--mat-sys-surface-container-low);
      }
      &:focus-within {
        outline: 3px solid var(--atr-focus-ring);
        outline-offset: 2px;
      }
    }
    .card--mine {
      border-color: var(--mat-sys-primary);
      border-width: 2px;
      padding: 15px;
    }
    .card__head {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      justify-content: space-between;
    }
    .card__title {
      min-width: 0;
      font: var(--mat-sys-title-medium);
      overflow-wrap: anywhere;
    }
    .card__link {
      color: inherit;
      text-decoration: none;
      // The whole card is the link's target area; the ring is drawn on the card (focus-within).
      &::after {
        content: '';
        position: absolute;
        inset: 0;
        border-radius: inherit;
      }
      &:focus-visible {
        outline: none;
      }
      &:hover {
        text-decoration: underline;
      }
    }
    .card__facts {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 20px;
      margin: 0;
      padding: 0;
      list-style: none;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
      li {
        display: inline-flex;
        gap: 6px;
        align-items: center;
      }
      mat-icon {
        width: 18px;
        height: 18px;
        font-size: 18px;
      }
    }
    .card__cta {
      display: inline-flex;
      gap: 4px;
      align-items: center;
      margin: 0;
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
      mat-icon {
        width: 18px;
        height: 18px;
        font-size: 18px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContractCardComponent {
  readonly contract = input.required<ContractSummary>();
  readonly timeZone = input<string | null>(null);

  protected readonly link = computed(() => `${WEB_PATHS.portalContracts}/${this.contract().id}`);
  protected readonly sent = computed(() => contractDate(this.contract().sentAt, this.timeZone()));
  protected readonly progress = computed(() => progressText(this.contract().progress));
  protected readonly completed = computed(() =>
    this.contract().status === 'completed' ? contractDate(this.contract().completedAt, this.timeZone()) : '',
  );
  /** Until when it can be signed; nothing once it was completed, declined or voided. */
  protected readonly expires = computed(() => {
    const { status, expiresAt } = this.contract();
    return status === 'expired' || !isFinalContractStatus(status) ? contractDate(expiresAt, this.timeZone()) : '';
  });
  protected readonly expiryWord = computed(() => (this.contract().status === 'expired' ? 'Expired' : 'Expires'));
}
