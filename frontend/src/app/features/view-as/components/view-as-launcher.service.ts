import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { ClientMemberRow } from '@atrium/shared';
import { Observable, catchError, map, switchMap, throwError } from 'rxjs';
import { toApiError } from '../../../core/http/api-error';
import { DIALOG_SIZE } from '../../../core/ui/dialogs';
import { ClientsApi } from '../../clients/data-access/clients.api';
import { ViewAsApi } from '../data-access/view-as.api';
import { openViewTab } from '../open-view-tab';
import { ViewAsDialogComponent, ViewAsDialogData, ViewAsDialogResult } from './view-as-dialog.component';

/**
 * "View as client" from Settings > Clients: asks which of the client's people to view the portal as
 * (only when there are several) and opens it in a new tab. Problems come back as Errors whose
 * message is for the person; the result is whom the portal was opened as (null: they cancelled).
 */
@Injectable({ providedIn: 'root' })
export class ViewAsLauncher {
  private readonly clients = inject(ClientsApi);
  private readonly api = inject(ViewAsApi);
  private readonly dialog = inject(MatDialog);

  open(client: { readonly id: string; readonly name: string }): Observable<ClientMemberRow | null> {
    const openAs = (userId: string) =>
      openViewTab(this.api.start(client.id, userId)).pipe(
        catchError((error: unknown) => throwError(() => plain(error))),
      );
    return this.clients.users(client.id).pipe(
      catchError((error: unknown) => throwError(() => plain(error))),
      switchMap((rows) => {
        const people = rows.filter((row) => row.kind === 'user' && row.status === 'active');
        if (people.length === 0) {
          return throwError(
            () => new Error(`Nobody from ${client.name} has joined your portal yet, so there is no one to view it as.`),
          );
        }
        if (people.length === 1) {
          return openAs(people[0].id).pipe(map(() => people[0]));
        }
        return this.dialog
          .open<ViewAsDialogComponent, ViewAsDialogData, ViewAsDialogResult>(ViewAsDialogComponent, {
            ...DIALOG_SIZE,
            data: { clientName: client.name, people, open: openAs },
          })
          .afterClosed()
          .pipe(map((person) => person ?? null));
      }),
    );
  }
}

/** The server's message (or ours) as an Error the page can show. */
function plain(error: unknown): Error {
  return error instanceof Error ? error : new Error(toApiError(error).message);
}
