import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  MEDIA_PATHS,
  type MediaAssetView,
  type MediaPage,
  type MediaQuery,
  type MediaUsage,
  type UploadResult,
} from '@atrium/shared';
import { Observable } from 'rxjs';
import { queryParams } from '../media-query';
import { UploadStep, toUploadSteps } from '../upload-queue';

/**
 * The media library: the agency's (every file of the agency and its clients) and the portal's
 * (only what this client's people uploaded from the portal; the client header picks the client).
 * Uploads go one file per request, with progress events.
 */
@Injectable({ providedIn: 'root' })
export class MediaApi {
  private readonly http = inject(HttpClient);

  // ---- Agency ----------------------------------------------------------------------------

  library(query: MediaQuery): Observable<MediaPage> {
    return this.http.get<MediaPage>(MEDIA_PATHS.library, { params: queryParams(query) });
  }

  usage(): Observable<MediaUsage> {
    return this.http.get<MediaUsage>(MEDIA_PATHS.usage);
  }

  asset(id: string): Observable<MediaAssetView> {
    return this.http.get<MediaAssetView>(MEDIA_PATHS.asset(encodeURIComponent(id)));
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(MEDIA_PATHS.asset(encodeURIComponent(id)));
  }

  /** One file into the library: the agency's own (no client) or for a client. */
  upload(file: File, clientId: string | null): Observable<UploadStep> {
    return this.send(MEDIA_PATHS.library, file, clientId);
  }

  // ---- Portal ----------------------------------------------------------------------------

  portalList(q: string, cursor: string | null, limit?: number): Observable<MediaPage> {
    return this.http.get<MediaPage>(MEDIA_PATHS.portalMedia, {
      params: queryParams({ q, cursor: cursor ?? '', limit }),
    });
  }

  portalAsset(id: string): Observable<MediaAssetView> {
    return this.http.get<MediaAssetView>(MEDIA_PATHS.portalAsset(encodeURIComponent(id)));
  }

  portalUpload(file: File): Observable<UploadStep> {
    return this.send(MEDIA_PATHS.portalMedia, file, null);
  }

  private send(url: string, file: File, clientId: string | null): Observable<UploadStep> {
    const body = new FormData();
    if (clientId) {
      // Before the file: the server reads the fields as the request streams past.
      body.append('clientId', clientId);
    }
    body.append('file', file, file.name);
    return this.http
      .post<UploadResult>(url, body, { reportProgress: true, observe: 'events' })
      .pipe(toUploadSteps(file));
  }
}
