import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { SignatureInput } from '@atrium/shared';
import { UploadedSignatureComponent } from './uploaded-signature.component';

describe('UploadedSignatureComponent', () => {
  let fixture: ComponentFixture<UploadedSignatureComponent>;
  let root: HTMLElement;
  let emitted: (SignatureInput | null)[];

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [UploadedSignatureComponent] });
    fixture = TestBed.createComponent(UploadedSignatureComponent);
    root = fixture.nativeElement as HTMLElement;
    emitted = [];
    fixture.componentInstance.changed.subscribe((value) => emitted.push(value));
    await fixture.whenStable();
  });

  const picker = () => root.querySelector<HTMLInputElement>('[data-testid=signature-upload-input]') as HTMLInputElement;

  async function pick(file: File): Promise<void> {
    Object.defineProperty(picker(), 'files', { value: [file], configurable: true });
    picker().dispatchEvent(new Event('change'));
    await fixture.whenStable();
  }

  it('has a labelled picker for PNG and JPEG, opened by "Choose a picture"', () => {
    expect(picker().getAttribute('aria-label')).toBe('Picture of your signature (PNG or JPEG, up to 2 MB)');
    expect(picker().accept).toContain('image/png');
    expect(picker().accept).toContain('image/jpeg');
    const clicked = jest.spyOn(picker(), 'click').mockImplementation(() => undefined);
    Array.from(root.querySelectorAll('button'))
      .find((button) => button.textContent?.includes('Choose a picture'))
      ?.click();
    expect(clicked).toHaveBeenCalled();
  });

  it('refuses a file that is not a PNG or JPEG, saying so', async () => {
    await pick(new File(['GIF89a'], 'scan.gif', { type: 'image/gif' }));
    expect(root.querySelector('[role=alert]')?.textContent).toContain('“scan.gif” is not a PNG or JPEG image.');
    expect(emitted).toEqual([]);
  });

  it('refuses a picture over 2 MB', async () => {
    await pick(new File([new Uint8Array(2 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' }));
    expect(root.querySelector('[role=alert]')?.textContent).toContain('pictures can be up to 2 MB');
    expect(emitted).toEqual([]);
  });
});
