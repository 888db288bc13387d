import { ComponentFixture, TestBed } from '@angular/core/testing';
import { UploadDropZoneComponent } from './upload-drop-zone.component';

/** jsdom has no DragEvent or DataTransfer: an Event carrying the two fields the zone reads. */
function dragEvent(type: string, files: File[]): Event {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { files, types: ['Files'], dropEffect: 'none' } });
  return event;
}

describe('UploadDropZoneComponent', () => {
  let fixture: ComponentFixture<UploadDropZoneComponent>;
  let root: HTMLElement;
  let emitted: File[][];
  const beans = new File(['beans'], 'beans.jpg', { type: 'image/jpeg' });
  const menu = new File(['%PDF'], 'menu.pdf', { type: 'application/pdf' });

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [UploadDropZoneComponent] });
    fixture = TestBed.createComponent(UploadDropZoneComponent);
    fixture.componentRef.setInput('hint', 'Up to 50 MB per file.');
    root = fixture.nativeElement as HTMLElement;
    emitted = [];
    fixture.componentInstance.files.subscribe((files) => emitted.push(files));
    await fixture.whenStable();
  });

  const zone = () => root.querySelector<HTMLElement>('[role="group"]') as HTMLElement;
  const fileInput = () => root.querySelector<HTMLInputElement>('input[type=file]') as HTMLInputElement;

  it('offers "Choose files" for the hidden input, described by the hint', () => {
    expect(zone().textContent).toContain('Drag and drop files here, or');
    expect(zone().getAttribute('aria-describedby')).toBe('upload-zone-hint');
    expect(root.querySelector('#upload-zone-hint')?.textContent).toBe('Up to 50 MB per file.');
    const clicked = jest.spyOn(fileInput(), 'click').mockImplementation(() => undefined);
    root.querySelector('button')?.click();
    expect(clicked).toHaveBeenCalled();
  });

  it('emits the picked files and clears the input, so that picking them again is noticed', () => {
    const input = fileInput();
    Object.defineProperty(input, 'files', { value: [beans, menu], configurable: true });
    input.dispatchEvent(new Event('change'));
    expect(emitted).toEqual([[beans, menu]]);
    expect(input.value).toBe('');
  });

  it('emits the dropped files and says "Drop to upload" while they hover', async () => {
    zone().dispatchEvent(dragEvent('dragenter', [beans, menu]));
    await fixture.whenStable();
    expect(zone().textContent).toContain('Drop to upload');

    const drop = dragEvent('drop', [beans, menu]);
    zone().dispatchEvent(drop);
    await fixture.whenStable();
    // Handled here: the browser must not open the file instead.
    expect(drop.defaultPrevented).toBe(true);
    expect(emitted).toEqual([[beans, menu]]);
    expect(zone().textContent).toContain('Drag and drop files here, or');
  });

  it('takes no files while disabled', async () => {
    fixture.componentRef.setInput('disabled', true);
    await fixture.whenStable();
    zone().dispatchEvent(dragEvent('drop', [beans]));
    expect(emitted).toEqual([]);
    expect(root.querySelector('button')?.disabled).toBe(true);
  });
});
