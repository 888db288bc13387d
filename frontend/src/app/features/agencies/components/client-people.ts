import type { ClientMemberRow } from '@atrium/shared';
import { Observable, from, map, mergeMap, toArray } from 'rxjs';
import type { ClientsApi } from '../../clients/data-access/clients.api';
import type { ClientChoice } from '../../members/components/invite-dialog.component';

export interface ClientPeople {
  readonly client: ClientChoice;
  /** People who can sign in: active users (not invitations, not deactivated). */
  readonly people: readonly ClientMemberRow[];
}

/** At most this many client lists are read at the same time. */
const CONCURRENCY = 4;

export function activePeople(rows: readonly ClientMemberRow[]): ClientMemberRow[] {
  return rows.filter((row) => row.kind === 'user' && row.status === 'active');
}

/** The active people of each client, in the clients' order. */
export function loadClientPeople(api: ClientsApi, clients: readonly ClientChoice[]): Observable<ClientPeople[]> {
  return from(clients.map((client, index) => ({ client, index }))).pipe(
    mergeMap(
      ({ client, index }) => api.users(client.id).pipe(map((rows) => ({ index, client, people: activePeople(rows) }))),
      CONCURRENCY,
    ),
    toArray(),
    map((lists) => lists.sort((a, b) => a.index - b.index).map(({ client, people }) => ({ client, people }))),
  );
}
