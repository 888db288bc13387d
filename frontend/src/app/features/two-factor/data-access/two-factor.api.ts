import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  TWO_FACTOR_PATHS,
  type AgencySecurityPolicy,
  type RecoveryCodesResponse,
  type TwoFactorConfirmRequest,
  type TwoFactorEnableRequest,
  type TwoFactorSetupResponse,
  type TwoFactorStatusResponse,
} from '@atrium/shared';
import { Observable } from 'rxjs';

/**
 * Two-step verification calls that do not open a session: setting it up during a sign-in, the
 * signed-in person's own settings, and the agency's policy. (Finishing a sign-in lives in
 * AuthService.)
 */
@Injectable({ providedIn: 'root' })
export class TwoFactorApi {
  private readonly http = inject(HttpClient);

  /** The secret for a sign-in that must set two-step verification up first. */
  startSignInEnrolment(challengeToken: string): Observable<TwoFactorSetupResponse> {
    return this.http.post<TwoFactorSetupResponse>(TWO_FACTOR_PATHS.enrolStart, { challengeToken });
  }

  status(): Observable<TwoFactorStatusResponse> {
    return this.http.get<TwoFactorStatusResponse>(TWO_FACTOR_PATHS.status);
  }

  /** A new secret; two-step verification is on only once `enable` confirms a code from it. */
  setup(): Observable<TwoFactorSetupResponse> {
    return this.http.post<TwoFactorSetupResponse>(TWO_FACTOR_PATHS.setup, null);
  }

  enable(body: TwoFactorEnableRequest): Observable<RecoveryCodesResponse> {
    return this.http.post<RecoveryCodesResponse>(TWO_FACTOR_PATHS.enable, body);
  }

  disable(body: TwoFactorConfirmRequest): Observable<void> {
    return this.http.post<void>(TWO_FACTOR_PATHS.disable, body);
  }

  /** Replaces every recovery code: the old ones stop working. */
  newRecoveryCodes(body: TwoFactorConfirmRequest): Observable<RecoveryCodesResponse> {
    return this.http.post<RecoveryCodesResponse>(TWO_FACTOR_PATHS.recoveryCodes, body);
  }

  agencyPolicy(): Observable<AgencySecurityPolicy> {
    return this.http.get<AgencySecurityPolicy>(TWO_FACTOR_PATHS.agencyPolicy);
  }

  updateAgencyPolicy(body: AgencySecurityPolicy): Observable<AgencySecurityPolicy> {
    return this.http.put<AgencySecurityPolicy>(TWO_FACTOR_PATHS.agencyPolicy, body);
  }
}
