import { ComponentFixture, TestBed } from '@angular/core/testing';
import { InviteButtonComponent } from './invite-button.component';

describe('InviteButtonComponent', () => {
  let fixture: ComponentFixture<InviteButtonComponent>;
  let root: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [InviteButtonComponent] });
    fixture = TestBed.createComponent(InviteButtonComponent);
    fixture.componentRef.setInput('target', 'Acme Coffee');
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  const button = () => root.querySelector('button') as HTMLButtonElement;
  /** The button's name as assistive technology computes it from content: aria-hidden parts excluded. */
  const accessibleName = () => visibleToAssistiveTech(button()).replace(/\s+/g, ' ').trim();

  it('is disabled and explains why when inviting is not allowed', async () => {
    fixture.componentRef.setInput('availability', {
      allowed: false,
      reasons: ['Confirm your email address first', 'Your plan does not include client management'],
    });
    await fixture.whenStable();

    expect(button().disabled).toBe(true);
    const reasons = Array.from(root.querySelectorAll('li')).map((item) => item.textContent?.trim());
    expect(reasons).toEqual(['Confirm your email address first', 'Your plan does not include client management']);
    // The reasons are tied to the button, so a screen reader hears them with it.
    const describedBy = button().getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(root.querySelector(`#${describedBy}`)?.textContent).toContain('Confirm your email address first');
  });

  it('is enabled, without reasons, when inviting is allowed, and reports the click', async () => {
    fixture.componentRef.setInput('availability', { allowed: true, reasons: [] });
    await fixture.whenStable();
    const clicks = jest.fn();
    fixture.componentInstance.invite.subscribe(clicks);

    expect(button().disabled).toBe(false);
    expect(button().hasAttribute('aria-describedby')).toBe(false);
    expect(root.querySelector('li')).toBeNull();
    button().click();
    expect(clicks).toHaveBeenCalledTimes(1);
  });

  it('waits, disabled, while availability is not known yet', () => {
    expect(button().disabled).toBe(true);
    expect(root.querySelector('li')).toBeNull();
  });

  it('names the client it invites to', () => {
    expect(accessibleName()).toBe('Invite to Acme Coffee');
  });
});

function visibleToAssistiveTech(element: Element): string {
  return Array.from(element.childNodes)
    .map((node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        return node.textContent ?? '';
      }
      return node instanceof Element && node.getAttribute('aria-hidden') !== 'true' ? visibleToAssistiveTech(node) : '';
    })
    .join('');
}
