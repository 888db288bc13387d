import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { POST_PATHS, type PortalCalendarResponse, type PortalUpcomingResponse } from '@atrium/shared';
import { Observable } from 'rxjs';

/** The active client's calendar (the client header picks the client); read-only. */
@Injectable({ providedIn: 'root' })
export class PortalCalendarApi {
  private readonly http = inject(HttpClient);

  week(from: number, to: number): Observable<PortalCalendarResponse> {
    const params = new HttpParams().set('from', new Date(from).toISOString()).set('to', new Date(to).toISOString());
    return this.http.get<PortalCalendarResponse>(POST_PATHS.portalCalendar, { params });
  }

  /** The next posts still to go out, soonest first (the dashboard). */
  upcoming(limit: number): Observable<PortalUpcomingResponse> {
    return this.http.get<PortalUpcomingResponse>(POST_PATHS.portalUpcoming, { params: { limit } });
  }
}
