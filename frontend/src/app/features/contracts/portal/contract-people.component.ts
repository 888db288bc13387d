import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { ContractRecipientView, ContractStatus, RecipientStatus } from '@atrium/shared';
import { recipientStatusText, roleWords } from './contract-wording';

/** Beside each person (their status is also said in words). */
const STATUS_ICONS: Record<RecipientStatus, string> = {
  waiting: 'schedule',
  sent: 'pending',
  viewed: 'visibility',
  signed: 'check_circle',
  approved: 'check_circle',
  declined: 'block',
  copied: 'mail',
};

/**
 * The people on a contract, those who act first first: what each does (signs, approves, gets a
 * copy), in which step when there are several, and where they stand, in plain words.
 */
@Component({
  selector: 'atr-contract-people',
  imports: [MatIconModule],
  template: `
    <ol class="people">
      @for (person of people(); track person.id) {
        <li class="person" [class.person--me]="person.isMe">
          <mat-icon class="person__icon" aria-hidden="true">{{ icon(person) }}</mat-icon>
          <div class="person__text">
            <span class="person__name">
              {{ person.name }}
              @if (person.isMe) {
                <span class="person__you">(you)</span>
              }
            </span>
            <span class="atr-muted">
              {{ role(person) }}
              @if (steps() > 1 && person.role !== 'copy') {
                · step {{ person.step }}
              }
              @if (person.side === 'agency') {
                · {{ agencyName() }}
              }
            </span>
            <span>{{ status(person) }}</span>
          </div>
        </li>
      }
    </ol>
  `,
  styles: `
    .people {
      display: grid;
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .person {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      padding: 10px 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      font: var(--mat-sys-body-medium);
    }
    .person--me {
      border-color: var(--mat-sys-primary);
    }
    .person__icon {
      flex: none;
      color: var(--mat-sys-primary);
    }
    .person__text {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .person__name {
      font: var(--mat-sys-title-small);
    }
    .person__you {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContractPeopleComponent {
  readonly recipients = input.required<readonly ContractRecipientView[]>();
  readonly contractStatus = input.required<ContractStatus>();
  readonly agencyName = input.required<string>();
  readonly timeZone = input<string | null>(null);

  protected readonly people = computed(() => [...this.recipients()].sort((a, b) => a.step - b.step));
  /** Steps are worth naming only when there are several. */
  protected readonly steps = computed(() => new Set(this.recipients().map((r) => r.step)).size);

  protected icon(person: ContractRecipientView): string {
    return STATUS_ICONS[person.status];
  }

  protected role(person: ContractRecipientView): string {
    return roleWords(person.role);
  }

  protected status(person: ContractRecipientView): string {
    return recipientStatusText(person, this.contractStatus(), this.timeZone());
  }
}
