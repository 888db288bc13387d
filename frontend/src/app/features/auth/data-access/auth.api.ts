import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  AUTH_PATHS,
  type EmailRequest,
  type MessageResponse,
  type ResetPasswordRequest,
  type SignupRequest,
  type TokenRequest,
} from '@atrium/shared';
import { Observable } from 'rxjs';

/** The account endpoints that do not change the session (sign-in lives in AuthService). */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  signup(body: SignupRequest): Observable<MessageResponse> {
    return this.http.post<MessageResponse>(AUTH_PATHS.signup, body);
  }

  confirmEmail(body: TokenRequest): Observable<MessageResponse> {
    return this.http.post<MessageResponse>(AUTH_PATHS.confirmEmail, body);
  }

  resendConfirmation(body: EmailRequest): Observable<MessageResponse> {
    return this.http.post<MessageResponse>(AUTH_PATHS.resendConfirmation, body);
  }

  forgotPassword(body: EmailRequest): Observable<MessageResponse> {
    return this.http.post<MessageResponse>(AUTH_PATHS.forgotPassword, body);
  }

  resetPassword(body: ResetPasswordRequest): Observable<MessageResponse> {
    return this.http.post<MessageResponse>(AUTH_PATHS.resetPassword, body);
  }
}
