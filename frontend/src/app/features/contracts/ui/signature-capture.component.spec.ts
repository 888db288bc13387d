import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { SignatureInput } from '@atrium/shared';
import { SIGNATURE_FONTS_STYLESHEET } from './signature-canvas';
import { SignatureCaptureComponent } from './signature-capture.component';

describe('SignatureCaptureComponent', () => {
  let fixture: ComponentFixture<SignatureCaptureComponent>;
  let root: HTMLElement;
  let emitted: (SignatureInput | null)[];

  async function create(inputs: { name: string; kind?: 'signature' | 'initials' }): Promise<void> {
    TestBed.configureTestingModule({ imports: [SignatureCaptureComponent] });
    fixture = TestBed.createComponent(SignatureCaptureComponent);
    fixture.componentRef.setInput('name', inputs.name);
    if (inputs.kind) {
      fixture.componentRef.setInput('kind', inputs.kind);
    }
    root = fixture.nativeElement as HTMLElement;
    emitted = [];
    fixture.componentInstance.changed.subscribe((value) => emitted.push(value));
    await fixture.whenStable();
  }

  afterEach(() => document.head.querySelectorAll('link[rel=stylesheet]').forEach((link) => link.remove()));

  const text = () => root.querySelector<HTMLInputElement>('[data-testid=typed-signature-text]') as HTMLInputElement;

  it('opens on Type, with Draw and Upload beside it', () => {
    return create({ name: 'Ana Silva' }).then(() => {
      const tabs = Array.from(root.querySelectorAll('[role=tab]'));
      expect(tabs.map((tab) => tab.textContent?.trim())).toEqual(['Type', 'Draw', 'Upload']);
      expect(tabs[0].getAttribute('aria-selected')).toBe('true');
    });
  });

  it('starts from the signer’s name and shows it in each of the three fonts', async () => {
    await create({ name: 'Ana Silva' });
    expect(text().value).toBe('Ana Silva');
    const options = Array.from(root.querySelectorAll<HTMLElement>('mat-radio-button'));
    expect(options.map((option) => option.querySelector('.font__name')?.textContent?.trim())).toEqual([
      'Dancing Script',
      'Great Vibes',
      'Caveat',
    ]);
    const samples = options.map((option) => option.querySelector<HTMLElement>('.font__sample'));
    expect(samples.map((sample) => sample?.textContent)).toEqual(['Ana Silva', 'Ana Silva', 'Ana Silva']);
    expect(samples[1]?.style.fontFamily).toContain('Great Vibes');
    expect(root.querySelector('mat-radio-group')?.getAttribute('aria-labelledby')).toBeTruthy();
  });

  it('starts initials from the name’s initials', async () => {
    await create({ name: 'Ana Maria Silva', kind: 'initials' });
    expect(text().value).toBe('AS');
    expect(root.textContent).toContain('Your initials');
  });

  it('loads the script fonts only once it is shown', async () => {
    expect(document.head.querySelector(`link[href$="${SIGNATURE_FONTS_STYLESHEET}"]`)).toBeNull();
    await create({ name: 'Ana Silva' });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(document.head.querySelectorAll(`link[href$="${SIGNATURE_FONTS_STYLESHEET}"]`)).toHaveLength(1);
  });

  it('holds nothing to place while the text is empty', async () => {
    await create({ name: 'Ana Silva' });
    text().value = '   ';
    text().dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(emitted.at(-1)).toBeNull();
    expect(root.querySelector('[data-testid=signature-preview]')?.textContent).toContain('Type your name above.');
  });
});
