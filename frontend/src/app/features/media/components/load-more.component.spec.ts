import { HttpErrorResponse } from '@angular/common/http';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { MediaPage } from '@atrium/shared';
import { Observable, Subject, of } from 'rxjs';
import { MediaList } from '../media-list';
import { mediaAsset } from '../testing/media-asset.factory';
import { LoadMoreComponent } from './load-more.component';

describe('LoadMoreComponent', () => {
  let fixture: ComponentFixture<LoadMoreComponent>;
  let root: HTMLElement;
  let list: MediaList;
  /** The second page: answered by hand, so the test sees the button while it loads. */
  let nextPage: Subject<MediaPage>;

  beforeEach(async () => {
    nextPage = new Subject<MediaPage>();
    list = new MediaList({
      fetchPage: (cursor): Observable<MediaPage> =>
        cursor ? nextPage : of({ items: [mediaAsset('a')], nextCursor: 'c2' }),
      fetchAsset: (id) => of(mediaAsset(id)),
    });
    list.reload();
    TestBed.configureTestingModule({ imports: [LoadMoreComponent] });
    fixture = TestBed.createComponent(LoadMoreComponent);
    fixture.componentRef.setInput('list', list);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => list.destroy());

  const button = () => root.querySelector('button');

  it('loads the next page, busy and disabled while it comes', async () => {
    expect(button()?.textContent?.trim()).toBe('Load more');
    expect(button()?.hasAttribute('aria-busy')).toBe(false);

    button()?.click();
    await fixture.whenStable();
    expect(button()?.disabled).toBe(true);
    expect(button()?.getAttribute('aria-busy')).toBe('true');

    nextPage.next({ items: [mediaAsset('b')], nextCursor: null });
    await fixture.whenStable();
    expect(list.items().map((item) => item.id)).toEqual(['a', 'b']);
    expect(button()).toBeNull();
  });

  it('says why the next page did not come, and lets the person try again', async () => {
    button()?.click();
    nextPage.error(new HttpErrorResponse({ status: 503, error: { statusCode: 503, message: 'Try later.' } }));
    await fixture.whenStable();

    expect(root.querySelector('atr-notice')?.textContent).toContain('Try later.');
    expect(button()?.disabled).toBe(false);
  });
});
