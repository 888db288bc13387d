import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { ActiveClientService } from '../../../core/auth/active-client.service';
import { AuthService } from '../../../core/auth/auth.service';
import { ConversationComponent } from '../components/conversation.component';
import { ConversationStore } from '../data-access/conversation.store';
import { portalConversation } from '../data-access/messages.api';

/** Portal › Messages: the client's one conversation with the agency's team. */
@Component({
  selector: 'atr-portal-messages-page',
  imports: [ConversationComponent],
  providers: [ConversationStore],
  template: `
    <div class="atr-page page">
      <header class="atr-page-heading">
        <div>
          <h1>Messages</h1>
          <p class="atr-muted">Your conversation with your team at {{ agencyName() }}.</p>
        </div>
      </header>
      @if (clientId(); as id) {
        <atr-conversation
          class="frame"
          [base]="base"
          [clientId]="id"
          side="client"
          [sides]="sides()"
          [placeholder]="'Write to your team at ' + agencyName()"
        />
      }
    </div>
  `,
  styles: `
    .page {
      display: flex;
      flex-direction: column;
      gap: 16px;
      padding-bottom: 16px;
    }
    .atr-page-heading p {
      margin: 4px 0 0;
    }
    .frame {
      height: calc(100dvh - 230px);
      min-height: 420px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalMessagesPage {
  private readonly auth = inject(AuthService);
  private readonly activeClient = inject(ActiveClientService);

  protected readonly base = portalConversation();
  protected readonly clientId = this.activeClient.clientId;
  protected readonly agencyName = computed(() => this.auth.me()?.agency.name ?? 'your agency');
  protected readonly sides = computed(() => ({
    client: this.activeClient.client()?.name ?? 'Client',
    agency: this.agencyName(),
  }));
}
