import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { BRANDING_PATHS, type BrandImageSlot, type BrandingResponse, type UpdateBrandingRequest } from '@atrium/shared';
import { Observable } from 'rxjs';

/** Settings > Branding (`branding.controller.ts`): every agency role reads; owners and admins change. */
@Injectable({ providedIn: 'root' })
export class BrandingApi {
  private readonly http = inject(HttpClient);

  get(): Observable<BrandingResponse> {
    return this.http.get<BrandingResponse>(BRANDING_PATHS.settings);
  }

  /** Fields left out stay as they are; empty text clears a field. */
  update(body: UpdateBrandingRequest): Observable<BrandingResponse> {
    return this.http.put<BrandingResponse>(BRANDING_PATHS.settings, body);
  }

  /** The sign-in address slug (`/a/<slug>/login`): it may be changed once. */
  changeSlug(slug: string): Observable<BrandingResponse> {
    return this.http.put<BrandingResponse>(BRANDING_PATHS.slug, { slug });
  }

  /** One image (not SVG), resized by the server for its slot. */
  uploadImage(slot: BrandImageSlot, file: File): Observable<BrandingResponse> {
    const body = new FormData();
    body.append('file', file, file.name);
    return this.http.put<BrandingResponse>(`${BRANDING_PATHS.images}/${encodeURIComponent(slot)}`, body);
  }

  removeImage(slot: BrandImageSlot): Observable<BrandingResponse> {
    return this.http.delete<BrandingResponse>(`${BRANDING_PATHS.images}/${encodeURIComponent(slot)}`);
  }
}
