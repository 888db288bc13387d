import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_V1, type PortalOverviewResponse } from '@atrium/shared';
import { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class PortalDashboardApi {
  private readonly http = inject(HttpClient);

  overview(): Observable<PortalOverviewResponse> {
    return this.http.get<PortalOverviewResponse>(`${API_V1}/portal/overview`);
  }
}
