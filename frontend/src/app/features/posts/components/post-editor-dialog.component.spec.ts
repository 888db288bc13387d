import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import {
  MEDIA_PATHS,
  POST_PATHS,
  SOCIAL_PATHS,
  type MediaAssetView,
  type SocialAccountView,
  type SocialProviderInfo,
} from '@atrium/shared';
import { PostEditorData, PostEditorDialogComponent, characterCount } from './post-editor-dialog.component';

const providers: SocialProviderInfo[] = [
  {
    id: 'local',
    name: 'Demo platform',
    maxTextLength: 500,
    requiresMedia: false,
    acceptsMedia: true,
    mediaLimits: null,
  },
  { id: 'x', name: 'X', maxTextLength: 280, requiresMedia: false, acceptsMedia: false, mediaLimits: null },
  {
    id: 'instagram',
    name: 'Instagram',
    maxTextLength: 2200,
    requiresMedia: true,
    acceptsMedia: true,
    mediaLimits: { maxFiles: 1, mimeTypes: ['image/jpeg'], typesLabel: 'JPEG images' },
  },
];

const account = (id: string, provider: SocialAccountView['provider'], providerName: string): SocialAccountView => ({
  id,
  provider,
  providerName,
  displayName: `Acme ${providerName}`,
  handle: null,
  avatarUrl: null,
  profileUrl: null,
  clientId: 'c1',
  clientName: 'Acme Coffee',
  health: 'connected',
  expiresAt: null,
  problem: null,
  connectedVia: 'agency',
  connectedAt: '2026-01-01T00:00:00Z',
});

const image = (id: string, filename: string): MediaAssetView => ({
  id,
  filename,
  mimeType: 'image/jpeg',
  kind: 'image',
  size: 1000,
  width: 800,
  height: 800,
  status: 'ready',
  clientId: 'c1',
  clientName: 'Acme Coffee',
  uploadedBy: { id: 'u1', name: 'Anna Acme', kind: 'client' },
  source: 'portal',
  createdAt: '2026-03-01T10:00:00Z',
  thumbnailUrl: `/api/v1/files/thumb-${id}`,
  viewUrl: null,
  downloadUrl: `/api/v1/files/download-${id}`,
});

describe('PostEditorDialogComponent (composer)', () => {
  let fixture: ComponentFixture<PostEditorDialogComponent>;
  let backend: HttpTestingController;
  let root: HTMLElement;
  let close: jest.Mock;

  beforeEach(async () => {
    close = jest.fn();
    const data: PostEditorData = {
      post: null,
      scheduledAt: new Date(Date.now() + 2 * 24 * 3600_000),
      clientId: 'c1',
      clients: [{ id: 'c1', name: 'Acme Coffee' }],
      providers,
    };
    TestBed.configureTestingModule({
      imports: [PostEditorDialogComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PostEditorDialogComponent);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    backend
      .expectOne((request) => request.url === SOCIAL_PATHS.accounts && request.params.get('clientId') === 'c1')
      .flush({
        items: [
          account('a-local', 'local', 'Demo platform'),
          account('a-x', 'x', 'X'),
          account('a-ig', 'instagram', 'Instagram'),
        ],
      });
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  function tick(name: string): void {
    const box = Array.from(root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')).find((input) =>
      input.closest('mat-checkbox')?.textContent?.includes(name),
    );
    box?.click();
  }

  function type(text: string): void {
    const textarea = root.querySelector('textarea');
    if (!textarea) {
      throw new Error('No text field');
    }
    textarea.value = text;
    textarea.dispatchEvent(new Event('input'));
  }

  const button = (label: string) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.trim() === label);

  it('counts against the smallest limit of the chosen platforms and warns about image-only platforms', async () => {
    tick('Acme Demo platform');
    type('Fresh roast today');
    await fixture.whenStable();
    expect(root.textContent).toContain('17 / 500 (Demo platform)');

    tick('Acme X');
    tick('Acme Instagram');
    await fixture.whenStable();
    expect(root.textContent).toContain('17 / 280 (X)');
    expect(root.querySelector('atr-notice[kind="warning"]')?.textContent).toContain('Instagram needs an image');

    type('y'.repeat(281));
    await fixture.whenStable();
    button('Schedule')?.click();
    await fixture.whenStable();
    expect(root.textContent).toContain('X takes at most 280 characters: remove 1.');
    backend.expectNone(POST_PATHS.posts);
  });

  it('schedules for the chosen accounts and puts the server’s field errors by their fields', async () => {
    tick('Acme X');
    type('Fresh roast today');
    await fixture.whenStable();
    button('Schedule')?.click();

    const request = backend.expectOne(POST_PATHS.posts);
    expect(request.request.body).toMatchObject({ clientId: 'c1', text: 'Fresh roast today', accountIds: ['a-x'] });
    expect(Date.parse(request.request.body.scheduledAt)).toBeGreaterThan(Date.now());
    request.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        details: [{ field: 'scheduledAt', messages: ['That time has already passed.'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    const dateField = root.querySelector('input[type="datetime-local"]')?.closest('mat-form-field');
    expect(dateField?.textContent).toContain('That time has already passed.');
    expect(close).not.toHaveBeenCalled();
  });

  it('saves a draft without a time', async () => {
    type('Idea for later');
    await fixture.whenStable();
    button('Save draft')?.click();

    const request = backend.expectOne(POST_PATHS.posts);
    expect(request.request.body).toEqual({
      clientId: 'c1',
      text: 'Idea for later',
      accountIds: [],
      mediaIds: [],
      scheduledAt: null,
    });
    request.flush({ id: 'p1', status: 'draft' });
    expect(close).toHaveBeenCalledWith({ kind: 'saved', post: { id: 'p1', status: 'draft' } });
  });

  it('attaches images from the library: the Instagram warning goes and the post carries their ids', async () => {
    tick('Acme Instagram');
    type('Fresh roast today');
    await fixture.whenStable();
    expect(root.querySelector('atr-notice[kind="warning"]')?.textContent).toContain('Instagram needs an image');

    Array.from(root.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.textContent?.includes('Add media'))
      ?.click();
    // The picker is loaded on first use.
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    const picker = document.querySelector<HTMLElement>('atr-media-picker-dialog');
    if (!picker) {
      throw new Error('The picker did not open');
    }
    const library = backend.expectOne(
      (request) =>
        request.url === MEDIA_PATHS.library &&
        request.params.get('clientId') === 'c1' &&
        request.params.get('kind') === 'image',
    );
    const menu: MediaAssetView = { ...image('m3', 'menu.png'), mimeType: 'image/png' };
    library.flush({ items: [image('m1', 'latte.jpg'), image('m2', 'beans.jpg'), menu], nextCursor: null });
    await fixture.whenStable();

    for (const name of ['beans.jpg', 'menu.png']) {
      Array.from(picker.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'))
        .find((input) => input.closest('label')?.textContent?.includes(name))
        ?.click();
    }
    await fixture.whenStable();
    expect(picker.textContent).toContain('2 of 10 images chosen');
    Array.from(picker.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Use selected images')
      ?.click();
    // The dialog hands its result over once its closing animation is done.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await fixture.whenStable();

    expect(root.querySelector('[aria-label="Attached media"] img')?.getAttribute('alt')).toBe('beans.jpg');
    const warning = () => root.querySelector('atr-notice[kind="warning"]')?.textContent ?? '';
    expect(warning()).not.toContain('needs an image');
    // The platform's own rules, as the server will apply them: one file, and JPEG only.
    expect(warning()).toContain('Instagram takes one file per post: remove 1.');
    expect(warning()).toContain('Instagram takes JPEG images only: replace menu.png.');
    Array.from(root.querySelectorAll<HTMLButtonElement>('.media__remove'))
      .find((b) => b.textContent?.includes('Remove menu.png'))
      ?.click();
    await fixture.whenStable();
    expect(warning()).not.toContain('Instagram takes');

    // X takes no files yet: the composer says so before the server refuses the post.
    tick('Acme X');
    await fixture.whenStable();
    expect(root.querySelector('atr-notice[kind="warning"]')?.textContent).toContain(
      'X cannot carry images yet: remove the images, or untick Acme X.',
    );
    tick('Acme X');
    await fixture.whenStable();

    button('Schedule')?.click();
    const request = backend.expectOne(POST_PATHS.posts);
    expect(request.request.body).toMatchObject({ accountIds: ['a-ig'], mediaIds: ['m2'] });
    request.flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid input: mediaIds',
        details: [{ field: 'mediaIds', messages: ['Instagram takes JPEG images only'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    // The server's word about the files shows by the files.
    expect(root.querySelector('[aria-labelledby="post-media-title"]')?.textContent).toContain(
      'Instagram takes JPEG images only',
    );
  });

  it('counts characters, not UTF-16 units', () => {
    expect(characterCount('☕️ ok')).toBe(5);
    expect(characterCount('👩‍💻')).toBe(3);
  });
});
