import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { WEB_PATHS } from '@atrium/shared';
import { catchError, map, of } from 'rxjs';
import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { OUTLINED_FIELDS } from '../../../core/ui/dialogs';
import { ToastService } from '../../../core/ui/toast.service';
import { TeamApi } from '../../team/data-access/team.api';
import { ConversationComponent } from '../components/conversation.component';
import { ConversationStore } from '../data-access/conversation.store';
import { MessagesApi, agencyConversation } from '../data-access/messages.api';
import { AGENCY_MESSAGES_PATH } from './agency-inbox.page';

interface Person {
  readonly id: string;
  readonly name: string;
}

/**
 * One client's conversation in the agency's inbox: who it is with, who on the team looks after it,
 * a way to the client, and the conversation itself (with internal notes).
 */
@Component({
  selector: 'atr-agency-conversation-page',
  imports: [ConversationComponent, MatButtonModule, MatFormFieldModule, MatIconModule, MatSelectModule, RouterLink],
  providers: [ConversationStore, OUTLINED_FIELDS],
  template: `
    <section class="pane" aria-labelledby="conversation-title">
      <header class="pane__head">
        <a mat-button class="pane__back" [routerLink]="inboxPath">
          <mat-icon aria-hidden="true">arrow_back</mat-icon>
          All conversations
        </a>
        <h2 id="conversation-title" class="pane__title">{{ clientName() }}</h2>
        <div class="pane__tools">
          <mat-form-field subscriptSizing="dynamic" class="pane__assignee">
            <mat-label>Assigned to</mat-label>
            <mat-select
              [value]="assigneeId()"
              [disabled]="!store.conversation() || assigning()"
              (selectionChange)="assign($event.value)"
            >
              <mat-option [value]="UNASSIGNED">Unassigned</mat-option>
              @for (person of people(); track person.id) {
                <mat-option [value]="person.id">{{ person.name }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <a mat-stroked-button [routerLink]="clientsPath">
            <mat-icon aria-hidden="true">business_center</mat-icon>
            Open client
          </a>
        </div>
      </header>
      <atr-conversation
        class="pane__conversation"
        [base]="base()"
        [clientId]="clientId()"
        side="agency"
        [sides]="sides()"
        [allowNotes]="true"
        [placeholder]="'Write to ' + clientName()"
      />
    </section>
  `,
  styles: `
    :host {
      display: block;
      height: 100%;
    }
    .pane {
      display: flex;
      flex-direction: column;
      gap: 8px;
      height: 100%;
      min-height: 0;
    }
    .pane__head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
    }
    .pane__title {
      flex: 1 1 160px;
      min-width: 0;
      margin: 0;
      overflow-wrap: anywhere;
      font: var(--mat-sys-title-large);
    }
    .pane__tools {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .pane__assignee {
      width: 220px;
      max-width: 100%;
    }
    .pane__back {
      flex: 0 0 100%;
      justify-content: flex-start;
    }
    @media (min-width: 1100px) {
      .pane__back {
        display: none;
      }
    }
    .pane__conversation {
      flex: 1 1 auto;
      min-height: 360px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgencyConversationPage {
  protected readonly store = inject(ConversationStore);
  private readonly api = inject(MessagesApi);
  private readonly teamApi = inject(TeamApi);
  private readonly auth = inject(AuthService);
  private readonly toast = inject(ToastService);

  /** From the route (`/app/messages/:clientId`). */
  readonly clientId = input.required<string>();

  protected readonly inboxPath = AGENCY_MESSAGES_PATH;
  protected readonly clientsPath = WEB_PATHS.agencyClients;
  protected readonly base = computed(() => agencyConversation(this.clientId()));
  protected readonly clientName = computed(() => this.store.conversation()?.clientName ?? 'Conversation');
  protected readonly sides = computed(() => ({
    client: this.clientName(),
    agency: this.auth.me()?.agency.name ?? 'Agency',
  }));
  /** mat-select shows nothing for a null value, so "Unassigned" is an empty id. */
  protected readonly UNASSIGNED = '';
  protected readonly assigneeId = computed(() => this.store.conversation()?.assignee?.id ?? this.UNASSIGNED);
  protected readonly assigning = signal(false);
  private readonly team = signal<readonly Person[]>([]);
  /** The team (owners and admins can list it), always with me and whoever has it now. */
  protected readonly people = computed(() => {
    const me = this.auth.me();
    const byId = new Map<string, Person>();
    for (const person of this.team()) byId.set(person.id, person);
    if (me) byId.set(me.id, { id: me.id, name: me.name });
    const assignee = this.store.conversation()?.assignee;
    if (assignee) byId.set(assignee.id, assignee);
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  });

  constructor() {
    const role = this.auth.me()?.agencyRole;
    if (role === 'owner' || role === 'admin') {
      // Members cannot list the team; they can still take a conversation or leave it.
      this.teamApi
        .team()
        .pipe(
          map((team) =>
            team.members
              .filter((member) => member.kind === 'user' && member.status === 'active')
              .map(({ id, name }) => ({ id, name })),
          ),
          catchError(() => of([] as Person[])),
        )
        .subscribe((people) => this.team.set(people));
    }
    effect(() => {
      this.clientId();
      untracked(() => this.assigning.set(false));
    });
  }

  protected assign(selected: string): void {
    const userId = selected === this.UNASSIGNED ? null : selected;
    this.assigning.set(true);
    this.api.assign(this.clientId(), { assigneeUserId: userId }).subscribe({
      next: (view) => {
        this.assigning.set(false);
        this.store.setAssignee(view.assignee);
        this.toast.show(view.assignee ? `Assigned to ${view.assignee.name}.` : 'Nobody is assigned now.');
      },
      error: (error: unknown) => {
        this.assigning.set(false);
        this.toast.show(`The assignment did not change. ${toApiError(error).message}`);
      },
    });
  }
}
