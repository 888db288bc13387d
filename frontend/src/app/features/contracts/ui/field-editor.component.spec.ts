import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { ContractFieldInput } from '@atrium/shared';
import { FieldEditorComponent } from './field-editor.component';
import type { FieldEditorRecipient } from './field-editor.types';
import { NUDGE_STEP } from './field-geometry';
import { PDFJS_LOADER } from './pdfjs-loader';
import { pdfJsStandIn } from './pdfjs-stand-in.testing';

@Component({
  imports: [FieldEditorComponent],
  template: `<atr-field-editor [source]="source" [recipients]="recipients()" [(fields)]="fields" />`,
})
class HostComponent {
  readonly source = new TextEncoder().encode('%PDF');
  readonly recipients = signal<FieldEditorRecipient[]>([
    { index: 0, name: 'Ana Silva', role: 'signer' },
    { index: 1, name: 'Bruno Costa', role: 'approver' },
    { index: 2, name: 'Carla Dias', role: 'signer' },
  ]);
  readonly fields = signal<ContractFieldInput[]>([]);
}

/** A parent that only listens: its `fields` input never changes. */
@Component({
  imports: [FieldEditorComponent],
  template: `<atr-field-editor [source]="source" [recipients]="recipients" (fieldsChange)="emitted.push($event)" />`,
})
class ListeningHostComponent {
  readonly source = new TextEncoder().encode('%PDF');
  readonly recipients: FieldEditorRecipient[] = [{ index: 0, name: 'Ana Silva', role: 'signer' }];
  readonly emitted: ContractFieldInput[][] = [];
}

describe('FieldEditorComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let root: HTMLElement;
  let host: HostComponent;

  async function settle(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      await fixture.whenStable();
      await new Promise((resolve) => setTimeout(resolve));
    }
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [HostComponent],
      providers: [
        {
          provide: PDFJS_LOADER,
          useValue: pdfJsStandIn([
            { width: 595.28, height: 841.89 },
            { width: 595.28, height: 841.89 },
          ]).loader,
        },
      ],
    });
    fixture = TestBed.createComponent(HostComponent);
    root = fixture.nativeElement as HTMLElement;
    host = fixture.componentInstance;
    await settle();
  });

  const button = (name: string) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((candidate) =>
      candidate.textContent?.replace(/\s+/g, ' ').trim().endsWith(name),
    ) as HTMLButtonElement;
  const boxes = () => Array.from(root.querySelectorAll<HTMLElement>('[data-testid=field-box]'));
  const key = (element: HTMLElement, init: KeyboardEventInit) =>
    element.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));

  /** The text a screen reader reads (icons are aria-hidden). */
  function spoken(element: Element): string {
    const copy = element.cloneNode(true) as Element;
    copy.querySelectorAll('[aria-hidden=true]').forEach((hidden) => hidden.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  it('offers every kind of field, named "Add …" for screen readers', () => {
    const palette = Array.from(root.querySelectorAll('[data-testid^=add-field-]')).map(spoken);
    expect(palette).toEqual([
      'Add Signature',
      'Add Initials',
      'Add Full name',
      'Add Date signed',
      'Add Text',
      'Add Checkbox',
    ]);
  });

  it('adds a signature for the first signer in the middle of the page in view, and focuses it', async () => {
    button('Add Signature').click();
    await settle();

    expect(host.fields()).toHaveLength(1);
    const [field] = host.fields();
    expect(field).toMatchObject({ kind: 'signature', recipientIndex: 0, required: true, page: 0 });
    expect(field.key).toEqual(expect.any(String));
    expect(field.x + field.width / 2).toBeCloseTo(0.5, 2);
    expect(field.width).toBeCloseTo(0.25, 2);

    const [box] = boxes();
    expect(box.getAttribute('aria-label')).toBe('Signature for Ana Silva, page 1, required');
    expect(document.activeElement).toBe(box);
    const statuses = Array.from(root.querySelectorAll('[role=status]')).map((status) => status.textContent?.trim());
    expect(statuses).toContain('Signature for Ana Silva, page 1, required added.');
  });

  it('moves a field with the arrow keys, resizes it with Alt, and keeps it on the page', async () => {
    button('Add Checkbox').click();
    await settle();
    const start = host.fields()[0];
    expect(start.required).toBe(false);

    const box = boxes()[0];
    key(box, { key: 'ArrowRight' });
    key(box, { key: 'ArrowRight' });
    await settle();
    expect(host.fields()[0].x).toBeCloseTo(start.x + 2 * NUDGE_STEP, 4);

    key(box, { key: 'ArrowDown', altKey: true });
    await settle();
    expect(host.fields()[0].height).toBeCloseTo(start.height + NUDGE_STEP, 4);

    for (let i = 0; i < 30; i++) {
      key(box, { key: 'ArrowLeft', shiftKey: true });
    }
    await settle();
    expect(host.fields()[0].x).toBe(0);
  });

  it('deletes a field with the Delete key', async () => {
    button('Add Initials').click();
    await settle();
    key(boxes()[0], { key: 'Delete' });
    await settle();
    expect(host.fields()).toEqual([]);
    expect(boxes()).toHaveLength(0);
  });

  it('places fields for the chosen recipient, offering only signers', async () => {
    const trigger = root.querySelector<HTMLElement>('[data-testid=field-recipient]') as HTMLElement;
    trigger.click();
    await settle();
    const options = Array.from(document.querySelectorAll<HTMLElement>('mat-option'));
    expect(options.map((option) => option.textContent?.trim())).toEqual(['1Ana Silva', '3Carla Dias']);
    options[1].click();
    await settle();

    button('Add Date signed').click();
    await settle();
    expect(host.fields()[0]).toMatchObject({ kind: 'date', recipientIndex: 2 });
    expect(boxes()[0].getAttribute('aria-label')).toBe('Date signed for Carla Dias, page 1, filled in automatically');
  });

  it('opens the settings with Enter, where a text field gets its label', async () => {
    button('Add Text').click();
    await settle();
    key(boxes()[0], { key: 'Enter' });
    await settle();

    const panel = root.querySelector<HTMLElement>('[data-testid=field-properties]') as HTMLElement;
    expect(panel.contains(document.activeElement)).toBe(true);
    const label = panel.querySelector<HTMLInputElement>('input[maxlength="120"]') as HTMLInputElement;
    label.value = '  Job title ';
    label.dispatchEvent(new Event('change'));
    await settle();
    expect(host.fields()[0].label).toBe('Job title');
    expect(boxes()[0].getAttribute('aria-label')).toBe('Text "Job title" for Ana Silva, page 1, required');

    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(document.activeElement).toBe(boxes()[0]);
  });

  it('keeps fields it is given on their page and shows them', async () => {
    host.fields.set([
      { kind: 'signature', recipientIndex: 2, required: true, page: 1, x: 0.9, y: 0.5, width: 0.25, height: 0.06 },
    ]);
    await settle();
    const [box] = boxes();
    expect(box.dataset['page']).toBe('1');
    key(box, { key: 'ArrowRight' });
    await settle();
    // Clamped: its right edge stays on the page.
    expect(host.fields()[0].x).toBe(0.75);
  });

  it('says what to do when there is no signer', async () => {
    host.recipients.set([{ index: 0, name: 'Bruno Costa', role: 'copy' }]);
    await settle();
    expect(root.textContent).toContain('Add a signer to the contract to place fields for them.');
    expect(button('Add Signature').disabled).toBe(true);
  });

  it('builds each change on the last one, even when the parent does not feed the list back', async () => {
    const listening = TestBed.createComponent(ListeningHostComponent);
    const element = listening.nativeElement as HTMLElement;
    for (let i = 0; i < 5; i++) {
      await listening.whenStable();
      await new Promise((resolve) => setTimeout(resolve));
    }
    const add = (kind: string) => element.querySelector<HTMLButtonElement>(`[data-testid=add-field-${kind}]`)?.click();
    add('signature');
    add('date');
    await listening.whenStable();
    const { emitted } = listening.componentInstance;
    expect(emitted.map((fields) => fields.map((field) => field.kind))).toEqual([['signature'], ['signature', 'date']]);
  });
});
