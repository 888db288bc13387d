import { Injectable, computed, inject, signal } from '@angular/core';
import type { MeClient } from '@atrium/shared';
import { AuthService } from './auth.service';

/** Per tab: two tabs may look at two different clients at the same time. */
const STORAGE_KEY = 'atrium.activeClientId';

/**
 * The client a client user is acting for in the portal. The choice is kept in sessionStorage and
 * sent with every portal request (see clientHeaderInterceptor). A stored id that is not (or no
 * longer) one of the user's clients is ignored: the first client is active then, as on the server.
 */
@Injectable({ providedIn: 'root' })
export class ActiveClientService {
  private readonly auth = inject(AuthService);
  private readonly chosenId = signal<string | null>(readStored());

  readonly clients = computed<readonly MeClient[]>(() => this.auth.me()?.clients ?? []);
  readonly client = computed<MeClient | null>(() => {
    const clients = this.clients();
    return clients.find((client) => client.id === this.chosenId()) ?? clients[0] ?? null;
  });
  readonly clientId = computed(() => this.client()?.id ?? null);

  select(clientId: string): void {
    this.chosenId.set(clientId);
    try {
      sessionStorage.setItem(STORAGE_KEY, clientId);
    } catch {
      // Storage can be unavailable (privacy modes); the choice then lasts until the next reload.
    }
  }
}

function readStored(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
