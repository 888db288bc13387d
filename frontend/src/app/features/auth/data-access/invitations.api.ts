import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { INVITATION_PATHS, type InvitationPreview } from '@atrium/shared';
import { Observable } from 'rxjs';

/** Reading an invitation before accepting it; accepting signs in, so it lives in AuthService. */
@Injectable({ providedIn: 'root' })
export class InvitationsApi {
  private readonly http = inject(HttpClient);

  /** Does not spend the token (a POST so that the token stays out of URLs and logs). */
  preview(token: string): Observable<InvitationPreview> {
    return this.http.post<InvitationPreview>(INVITATION_PATHS.preview, { token });
  }
}
