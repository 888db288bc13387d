import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MEDIA_PATHS } from '@atrium/shared';
import { UploadStep } from '../upload-queue';
import { MediaApi } from './media.api';

/** Field names in the order they are sent. */
function fieldOrder(body: FormData): string[] {
  const keys: string[] = [];
  body.forEach((_value, key) => keys.push(key));
  return keys;
}

describe('MediaApi', () => {
  let api: MediaApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(MediaApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('uploads one file per request, the client field before the file, with progress', () => {
    const steps: UploadStep[] = [];
    const file = new File(['hello'], 'menu.pdf', { type: 'application/pdf' });
    api.upload(file, 'c-acme').subscribe((step) => steps.push(step));

    const request = backend.expectOne(MEDIA_PATHS.library);
    expect(request.request.method).toBe('POST');
    expect(request.request.reportProgress).toBe(true);
    const body = request.request.body as FormData;
    expect(fieldOrder(body)).toEqual(['clientId', 'file']);
    expect(body.get('clientId')).toBe('c-acme');
    expect((body.get('file') as File).name).toBe('menu.pdf');

    request.event({ type: HttpEventType.UploadProgress, loaded: 2, total: 5 });
    request.flush(
      { stored: [], rejected: [{ filename: 'menu.pdf', reason: 'larger than 1 B' }] },
      { status: 201, statusText: 'Created' },
    );
    expect(steps).toEqual([
      { kind: 'progress', loaded: 2, total: 5 },
      { kind: 'result', result: { stored: [], rejected: [{ filename: 'menu.pdf', reason: 'larger than 1 B' }] } },
    ]);
  });

  it('sends the agency’s own files without a client field, and portal uploads to the portal', () => {
    const file = new File(['x'], 'a.png', { type: 'image/png' });
    api.upload(file, null).subscribe();
    api.portalUpload(file).subscribe();
    const own = backend.expectOne(MEDIA_PATHS.library);
    expect(fieldOrder(own.request.body as FormData)).toEqual(['file']);
    own.flush({ stored: [], rejected: [] });
    backend.expectOne(MEDIA_PATHS.portalMedia).flush({ stored: [], rejected: [] });
  });

  it('reads the library with the filters as parameters, nothing empty', () => {
    api.library({ clientId: 'agency', kind: 'image', q: '' }).subscribe();
    const request = backend.expectOne((candidate) => candidate.url === MEDIA_PATHS.library);
    expect(request.request.params.keys().sort()).toEqual(['clientId', 'kind']);
    expect(request.request.params.get('clientId')).toBe('agency');
    request.flush({ items: [], nextCursor: null });

    api.portalList('menu', null).subscribe();
    const portal = backend.expectOne((candidate) => candidate.url === MEDIA_PATHS.portalMedia);
    expect(portal.request.params.keys()).toEqual(['q']);
    portal.flush({ items: [], nextCursor: null });
  });
});
