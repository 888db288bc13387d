import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_V1,
  AUTH_PATHS,
  type AgencyDashboardResponse,
  type AgencyOverviewResponse,
  type MessageResponse,
} from '@atrium/shared';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class AgencyDashboardApi {
  private readonly http = inject(HttpClient);

  overview(): Observable<AgencyOverviewResponse> {
    return this.http.get<AgencyOverviewResponse>(`${API_V1}/agency/overview`);
  }

  /** Portal adoption (invited and joined users, per client) and whether inviting is possible now. */
  dashboard(): Observable<AgencyDashboardResponse> {
    return this.http.get<AgencyDashboardResponse>(`${API_V1}/agency/dashboard`);
  }

  resendConfirmation(email: string): Observable<MessageResponse> {
    return this.http.post<MessageResponse>(AUTH_PATHS.resendConfirmation, { email });
  }
}
