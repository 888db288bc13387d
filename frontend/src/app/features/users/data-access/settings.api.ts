import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  SETTINGS_PATHS,
  type ChangeEmailRequest,
  type ChangePasswordRequest,
  type ConfirmEmailChangeRequest,
  type MeResponse,
  type MessageResponse,
  type UpdateProfileRequest,
} from '@atrium/shared';
import { Observable } from 'rxjs';

/** The signed-in person's own profile, picture, email and password (any audience). */
@Injectable({ providedIn: 'root' })
export class SettingsApi {
  private readonly http = inject(HttpClient);

  updateProfile(body: UpdateProfileRequest): Observable<MeResponse> {
    return this.http.patch<MeResponse>(SETTINGS_PATHS.profile, body);
  }

  /** Sends a confirmation link to the new address; nothing changes until it is opened. */
  changeEmail(body: ChangeEmailRequest): Observable<MessageResponse> {
    return this.http.post<MessageResponse>(SETTINGS_PATHS.email, body);
  }

  /** Public: the link may be opened signed out, or in another browser. */
  confirmEmailChange(body: ConfirmEmailChangeRequest): Observable<MessageResponse> {
    return this.http.post<MessageResponse>(SETTINGS_PATHS.confirmEmailChange, body);
  }

  /** Ends every other session; this one stays signed in. */
  changePassword(body: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>(SETTINGS_PATHS.password, body);
  }

  setAvatar(file: File): Observable<MeResponse> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.put<MeResponse>(SETTINGS_PATHS.avatar, body);
  }

  removeAvatar(): Observable<MeResponse> {
    return this.http.delete<MeResponse>(SETTINGS_PATHS.avatar);
  }
}
