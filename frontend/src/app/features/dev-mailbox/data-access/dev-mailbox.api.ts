import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_V1, type DevMailboxEntry } from '@atrium/shared';
import { Observable, catchError, map, of } from 'rxjs';

// Not in the shared API_PATHS yet; the endpoint only exists in captured-email mode.
const DEV_MAILBOX_PATH = `${API_V1}/dev/mailbox`;

@Injectable({ providedIn: 'root' })
export class DevMailboxApi {
  private readonly http = inject(HttpClient);

  list(): Observable<DevMailboxEntry[]> {
    return this.http.get<DevMailboxEntry[]>(DEV_MAILBOX_PATH);
  }

  get(id: string): Observable<DevMailboxEntry> {
    return this.http.get<DevMailboxEntry>(`${DEV_MAILBOX_PATH}/${encodeURIComponent(id)}`);
  }

  /** True only when the server captures email (the mailbox answers 200). */
  isAvailable(): Observable<boolean> {
    return this.http.get<unknown>(DEV_MAILBOX_PATH).pipe(
      // An SPA fallback answering 200 with index.html must not count as a mailbox.
      map((body) => Array.isArray(body)),
      catchError(() => of(false)),
    );
  }
}
