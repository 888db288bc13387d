import { Component, DebugElement, input, output } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { SignatureInput } from '@atrium/shared';
import { SignatureCaptureComponent } from '../ui/signature-capture.component';
import { SignatureDialogComponent } from './signature-dialog.component';

/** Stands in for the Type/Draw/Upload tabs (their fonts and canvas need a real browser). */
@Component({ selector: 'atr-signature-capture', template: '' })
class FakeSignatureCaptureComponent {
  readonly name = input('');
  readonly kind = input<'signature' | 'initials'>('signature');
  readonly changed = output<SignatureInput | null>();
}

const made: SignatureInput = { method: 'drawn', image: 'data:image/png;base64,AAAA' };

function setup(places: number) {
  const ref = { close: jest.fn() };
  TestBed.configureTestingModule({
    imports: [SignatureDialogComponent],
    providers: [
      { provide: MAT_DIALOG_DATA, useValue: { kind: 'signature', name: 'Ana Silva', places } },
      { provide: MatDialogRef, useValue: ref },
    ],
  });
  TestBed.overrideComponent(SignatureDialogComponent, {
    remove: { imports: [SignatureCaptureComponent] },
    add: { imports: [FakeSignatureCaptureComponent] },
  });
  const fixture = TestBed.createComponent(SignatureDialogComponent);
  return { fixture, element: fixture.nativeElement as HTMLElement, ref };
}

describe('SignatureDialogComponent', () => {
  it('says where the signature goes and adopts it only once there is one', async () => {
    const { fixture, element, ref } = setup(3);
    await fixture.whenStable();
    expect(element.textContent).toContain('Your signature goes in all 3 places where this contract asks for it.');
    const adopt = element.querySelector<HTMLButtonElement>('button.adopt');
    expect(adopt?.getAttribute('aria-disabled')).toBe('true');

    adopt?.click();
    await fixture.whenStable();
    expect(ref.close).not.toHaveBeenCalled();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'Type, draw or upload your signature first.',
    );

    const capture = fixture.debugElement.query(
      (node: DebugElement) => node.componentInstance instanceof FakeSignatureCaptureComponent,
    );
    (capture.componentInstance as FakeSignatureCaptureComponent).changed.emit(made);
    await fixture.whenStable();
    adopt?.click();
    expect(ref.close).toHaveBeenCalledWith(made);
  });
});
