import { HttpErrorResponse } from '@angular/common/http';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { MediaPage } from '@atrium/shared';
import { Subject, of } from 'rxjs';
import { MediaList } from '../media-list';
import { mediaAsset } from '../testing/media-asset.factory';
import { MediaListStatusComponent } from './media-list-status.component';

describe('MediaListStatusComponent', () => {
  let fixture: ComponentFixture<MediaListStatusComponent>;
  let root: HTMLElement;
  let list: MediaList;
  /** Each first-page request, answered by hand. */
  let pages: Subject<MediaPage>[];

  beforeEach(async () => {
    pages = [];
    list = new MediaList({
      fetchPage: () => {
        const page = new Subject<MediaPage>();
        pages.push(page);
        return page;
      },
      fetchAsset: (id) => of(mediaAsset(id)),
    });
    list.reload();
    TestBed.configureTestingModule({ imports: [MediaListStatusComponent] });
    fixture = TestBed.createComponent(MediaListStatusComponent);
    fixture.componentRef.setInput('list', list);
    fixture.componentRef.setInput('failure', 'We could not load your files.');
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => list.destroy());

  it('announces the loading, named after what loads', async () => {
    const status = root.querySelector('[role="status"]');
    expect(status?.textContent).toContain('Loading files…');
    expect(status?.querySelector('mat-progress-bar')?.getAttribute('aria-label')).toBe('Loading files');

    fixture.componentRef.setInput('what', 'images');
    await fixture.whenStable();
    expect(root.querySelector('[role="status"]')?.textContent).toContain('Loading images…');
  });

  it('says why the list did not load, and "Try again" asks once more', async () => {
    pages[0].error(new HttpErrorResponse({ status: 503, error: { statusCode: 503, message: 'Try later.' } }));
    await fixture.whenStable();
    expect(root.querySelector('atr-notice')?.textContent).toContain('We could not load your files. Try later.');

    root.querySelector('button')?.click();
    await fixture.whenStable();
    expect(pages).toHaveLength(2);
    expect(root.querySelector('[role="status"]')).not.toBeNull();
  });

  it('shows nothing once the list is ready', async () => {
    pages[0].next({ items: [mediaAsset('a')], nextCursor: null });
    await fixture.whenStable();
    expect(root.textContent?.trim()).toBe('');
  });
});
