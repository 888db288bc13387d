import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { VIEW_AS_PATHS, type ViewAsRequest, type ViewAsResponse } from '@atrium/shared';
import type { Observable } from 'rxjs';

/** "View as client" (backend: view-as.controller): a read-only view of a client's portal. */
@Injectable({ providedIn: 'root' })
export class ViewAsApi {
  private readonly http = inject(HttpClient);

  start(clientId: string, userId: string): Observable<ViewAsResponse> {
    const body: ViewAsRequest = { userId };
    return this.http.post<ViewAsResponse>(VIEW_AS_PATHS.start(clientId), body);
  }
}
