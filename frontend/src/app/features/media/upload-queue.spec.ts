import { HttpErrorResponse, HttpEventType, HttpResponse } from '@angular/common/http';
import type { MediaAssetView, UploadResult } from '@atrium/shared';
import { Subject, lastValueFrom, of, toArray } from 'rxjs';
import { UploadQueue, UploadStep, classifyUploadError, toUploadSteps } from './upload-queue';

const file = (name: string, size = 1000) => new File([new Uint8Array(size)], name, { type: 'image/jpeg' });

const asset = (id: string, filename: string): MediaAssetView => ({
  id,
  filename,
  mimeType: 'image/jpeg',
  kind: 'image',
  size: 1000,
  width: null,
  height: null,
  status: 'processing',
  clientId: 'c1',
  clientName: 'Acme Coffee',
  uploadedBy: { id: 'u1', name: 'Anna Acme', kind: 'client' },
  source: 'portal',
  createdAt: '2026-03-01T10:00:00Z',
  thumbnailUrl: null,
  viewUrl: null,
  downloadUrl: `/api/v1/files/${id}`,
});

/** A fake server: every request is a Subject the test answers by hand. */
class FakeUploads {
  readonly requests = new Map<string, Subject<UploadStep>>();
  readonly started: string[] = [];
  readonly upload = (sent: File) => {
    const request = new Subject<UploadStep>();
    this.requests.set(sent.name, request);
    this.started.push(sent.name);
    return request.asObservable();
  };

  progress(name: string, loaded: number, total: number): void {
    this.request(name).next({ kind: 'progress', loaded, total });
  }

  answer(name: string, result: UploadResult): void {
    this.request(name).next({ kind: 'result', result });
    this.request(name).complete();
  }

  fail(name: string, status: number, message: string): void {
    this.request(name).error(new HttpErrorResponse({ status, error: { statusCode: status, error: 'Error', message } }));
  }

  private request(name: string): Subject<UploadStep> {
    const request = this.requests.get(name);
    if (!request) {
      throw new Error(`${name} was never sent`);
    }
    return request;
  }
}

describe('UploadQueue', () => {
  let server: FakeUploads;

  beforeEach(() => {
    server = new FakeUploads();
  });

  const statuses = (queue: UploadQueue) => queue.items().map((item) => `${item.name}:${item.status}`);

  it('sends one request per file, three at a time, in the order they were added', () => {
    const queue = new UploadQueue();
    queue.add(
      ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg'].map((name) => file(name)),
      server.upload,
    );

    expect(server.started).toEqual(['a.jpg', 'b.jpg', 'c.jpg']);
    expect(statuses(queue)).toEqual([
      'a.jpg:uploading',
      'b.jpg:uploading',
      'c.jpg:uploading',
      'd.jpg:waiting',
      'e.jpg:waiting',
    ]);

    server.answer('b.jpg', { stored: [asset('m-b', 'b.jpg')], rejected: [] });
    expect(server.started).toEqual(['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg']);
    expect(queue.summary()).toMatchObject({ uploading: 3, waiting: 1, done: 1, active: 4 });
  });

  it('honours another concurrency', () => {
    const queue = new UploadQueue({ concurrency: 1 });
    queue.add([file('a.jpg'), file('b.jpg')], server.upload);
    expect(server.started).toEqual(['a.jpg']);
    server.answer('a.jpg', { stored: [asset('m-a', 'a.jpg')], rejected: [] });
    expect(server.started).toEqual(['a.jpg', 'b.jpg']);
  });

  it('reports progress in whole percent and hands stored files on', () => {
    const stored: MediaAssetView[] = [];
    const queue = new UploadQueue({ onStored: (item) => stored.push(item) });
    queue.add([file('a.jpg', 2000)], server.upload);

    server.progress('a.jpg', 500, 2000);
    expect(queue.items()[0]).toMatchObject({ status: 'uploading', progress: 25 });
    server.progress('a.jpg', 1999, 2000);
    expect(queue.items()[0].progress).toBe(100);

    server.answer('a.jpg', { stored: [asset('m-a', 'a.jpg')], rejected: [] });
    expect(queue.items()[0]).toMatchObject({ status: 'done', progress: 100, message: null });
    expect(queue.items()[0].asset?.id).toBe('m-a');
    expect(stored.map((item) => item.id)).toEqual(['m-a']);
  });

  it('shows the server’s reason for a rejected file, and a 413 as a final refusal', () => {
    const queue = new UploadQueue();
    queue.add([file('logo.svg'), file('huge.mov')], server.upload);

    server.answer('logo.svg', {
      stored: [],
      rejected: [{ filename: 'logo.svg', reason: 'not an accepted file type (image/svg+xml)' }],
    });
    server.fail('huge.mov', 413, 'The agency’s storage is full (10 GB).');

    expect(queue.items()).toEqual([
      expect.objectContaining({ status: 'rejected', message: 'not an accepted file type (image/svg+xml)' }),
      expect.objectContaining({ status: 'rejected', message: 'The agency’s storage is full (10 GB).' }),
    ]);
    // Rejections are final: retry does nothing.
    queue.retry(queue.items()[0].id);
    expect(server.started).toEqual(['logo.svg', 'huge.mov']);
  });

  it('refuses a file before sending it when the precheck says so', () => {
    const queue = new UploadQueue({ precheck: (sent) => (sent.size > 1500 ? 'larger than 1.5 KB' : null) });
    queue.add([file('big.jpg', 2000), file('ok.jpg', 10)], server.upload);
    expect(server.started).toEqual(['ok.jpg']);
    expect(queue.items()[0]).toMatchObject({ status: 'rejected', message: 'larger than 1.5 KB' });
  });

  it('marks network and server errors as failed, and retries them behind the waiting files', () => {
    const queue = new UploadQueue({ concurrency: 1 });
    queue.add([file('a.jpg'), file('b.jpg')], server.upload);
    server.fail('a.jpg', 0, '');

    const failed = queue.items()[0];
    expect(failed.status).toBe('failed');
    expect(failed.message).toMatch(/could not reach the server/i);
    expect(server.started).toEqual(['a.jpg', 'b.jpg']);

    queue.retry(failed.id);
    expect(statuses(queue)).toEqual(['b.jpg:uploading', 'a.jpg:waiting']);

    server.answer('b.jpg', { stored: [asset('m-b', 'b.jpg')], rejected: [] });
    expect(server.started).toEqual(['a.jpg', 'b.jpg', 'a.jpg']);
    server.answer('a.jpg', { stored: [asset('m-a', 'a.jpg')], rejected: [] });
    expect(queue.summary()).toMatchObject({ done: 2, failed: 0, active: 0 });
  });

  it('cancels an upload (the next one starts) and clears finished files but keeps failed ones', () => {
    const queue = new UploadQueue({ concurrency: 1 });
    queue.add([file('a.jpg'), file('b.jpg'), file('c.jpg')], server.upload);
    queue.cancel(queue.items()[0].id);
    expect(server.requests.get('a.jpg')?.observed).toBe(false);
    expect(statuses(queue)).toEqual(['b.jpg:uploading', 'c.jpg:waiting']);

    server.answer('b.jpg', { stored: [asset('m-b', 'b.jpg')], rejected: [] });
    server.fail('c.jpg', 503, 'Service unavailable');
    queue.clearFinished();
    expect(statuses(queue)).toEqual(['c.jpg:failed']);
  });

  it('copes with uploads that finish at once', () => {
    const queue = new UploadQueue({ concurrency: 2 });
    const instant = (sent: File) =>
      of<UploadStep>({ kind: 'result', result: { stored: [asset(sent.name, sent.name)], rejected: [] } });
    queue.add([file('a.jpg'), file('b.jpg'), file('c.jpg'), file('d.jpg')], instant);
    expect(queue.summary()).toMatchObject({ done: 4, active: 0 });
  });

  it('fails a request that ends without an answer', () => {
    const queue = new UploadQueue();
    queue.add([file('a.jpg')], server.upload);
    server.requests.get('a.jpg')?.complete();
    expect(queue.items()[0]).toMatchObject({ status: 'failed' });
  });

  it('has the browser ask before the tab closes only while uploads are under way', () => {
    const queue = new UploadQueue();
    const leaving = () => {
      const event = new Event('beforeunload', { cancelable: true }) as BeforeUnloadEvent;
      queue.warnBeforeLeaving(event);
      return event.defaultPrevented;
    };
    expect(leaving()).toBe(false);

    queue.add([file('a.jpg')], server.upload);
    expect(leaving()).toBe(true);

    server.answer('a.jpg', { stored: [asset('m-a', 'a.jpg')], rejected: [] });
    expect(leaving()).toBe(false);
  });

  it('aborts everything on destroy', () => {
    const queue = new UploadQueue();
    queue.add([file('a.jpg')], server.upload);
    queue.destroy();
    expect(server.requests.get('a.jpg')?.observed).toBe(false);
    expect(queue.items()).toEqual([]);
  });
});

describe('classifyUploadError', () => {
  const error = (status: number) =>
    new HttpErrorResponse({ status, error: { statusCode: status, error: 'E', message: `status ${status}` } });

  it('lets people retry what another try could fix', () => {
    for (const status of [0, 408, 429, 500, 502, 503]) {
      expect(classifyUploadError(error(status)).status).toBe('failed');
    }
    for (const status of [400, 403, 404, 413, 415]) {
      expect(classifyUploadError(error(status))).toEqual({ status: 'rejected', message: `status ${status}` });
    }
  });
});

describe('toUploadSteps', () => {
  it('turns HttpClient events into progress and the answer', async () => {
    const sent = file('a.jpg', 400);
    const result: UploadResult = { stored: [asset('m-a', 'a.jpg')], rejected: [] };
    const steps = await lastValueFrom(
      of(
        { type: HttpEventType.Sent } as const,
        { type: HttpEventType.UploadProgress, loaded: 100, total: 400 } as const,
        { type: HttpEventType.UploadProgress, loaded: 200 } as const,
        new HttpResponse({ status: 201, body: result }),
      ).pipe(toUploadSteps(sent), toArray()),
    );
    expect(steps).toEqual([
      { kind: 'progress', loaded: 100, total: 400 },
      // Without a total, the file's own size stands in.
      { kind: 'progress', loaded: 200, total: 400 },
      { kind: 'result', result },
    ]);
  });
});
