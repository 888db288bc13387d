import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { MESSAGE_ATTACHMENTS_MAX, type MessageAttachmentView } from '@atrium/shared';
import { Subject, throwError } from 'rxjs';
import { AttachmentQueue } from './attachment-queue';
import type { AttachmentStep } from './messages.api';

const file = (name: string) => new File(['x'.repeat(100)], name, { type: 'text/plain' });
const stored = (id: string): MessageAttachmentView => ({
  id,
  filename: `${id}.txt`,
  mimeType: 'text/plain',
  size: 100,
  kind: 'document',
  url: `/files/${id}`,
  thumbnailUrl: null,
});

describe('AttachmentQueue', () => {
  it('shows each file’s progress, then keeps it ready for the message', () => {
    const steps = new Subject<AttachmentStep>();
    const queue = TestBed.runInInjectionContext(() => new AttachmentQueue(() => steps));
    queue.add([file('brief.txt')]);
    steps.next({ kind: 'progress', loaded: 50, total: 100 });
    expect(queue.items()[0]).toEqual(expect.objectContaining({ status: 'uploading', progress: 50 }));
    expect(queue.uploading()).toBe(true);
    steps.next({ kind: 'result', result: { attachments: [stored('a1')], rejected: [] } });
    expect(queue.items()[0].status).toBe('done');
    expect(queue.ready().map((a) => a.id)).toEqual(['a1']);
  });

  it('says in plain words why a file was refused, and lets the person remove it', () => {
    const queue = new AttachmentQueue((f) =>
      f.name === 'big.iso'
        ? throwError(
            () =>
              new HttpErrorResponse({
                status: 413,
                error: { statusCode: 413, error: 'Payload Too Large', message: 'The file is larger than 50 MB.' },
              }),
          )
        : new Subject<AttachmentStep>(),
    );
    queue.add([file('big.iso')]);
    expect(queue.items()[0]).toEqual(
      expect.objectContaining({ status: 'refused', reason: 'The file is larger than 50 MB.' }),
    );
    queue.remove(queue.items()[0].id);
    expect(queue.items()).toEqual([]);
  });

  it('refuses files beyond the most a message can carry', () => {
    const queue = new AttachmentQueue(() => new Subject<AttachmentStep>());
    queue.add(Array.from({ length: MESSAGE_ATTACHMENTS_MAX + 1 }, (_, i) => file(`f${i}.txt`)));
    const refused = queue.items().filter((item) => item.status === 'refused');
    expect(refused).toHaveLength(1);
    expect(refused[0].reason).toContain(`${MESSAGE_ATTACHMENTS_MAX} files at most`);
  });

  it('takes the server’s refusal reason', () => {
    const steps = new Subject<AttachmentStep>();
    const queue = new AttachmentQueue(() => steps);
    queue.add([file('virus.exe')]);
    steps.next({
      kind: 'result',
      result: { attachments: [], rejected: [{ filename: 'virus.exe', reason: 'This type of file is not accepted.' }] },
    });
    expect(queue.items()[0]).toEqual(
      expect.objectContaining({ status: 'refused', reason: 'This type of file is not accepted.' }),
    );
  });
});
