import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { SettingsSubmitButtonComponent } from './settings-submit-button.component';

@Component({
  imports: [SettingsSubmitButtonComponent],
  template: `
    <form (submit)="$event.preventDefault(); submitted = submitted + 1">
      <atr-settings-submit-button [busy]="busy()">Save profile</atr-settings-submit-button>
    </form>
  `,
})
class HostComponent {
  readonly busy = signal(false);
  submitted = 0;
}

describe('SettingsSubmitButtonComponent', () => {
  it('submits the form around it; while the save runs it is aria-disabled, busy, ignores clicks and keeps focus', async () => {
    TestBed.configureTestingModule({ imports: [HostComponent] });
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const button = (fixture.nativeElement as HTMLElement).querySelector('button') as HTMLButtonElement;
    expect(button.textContent?.trim()).toBe('Save profile');
    expect(button.hasAttribute('aria-busy')).toBe(false);

    button.click();
    expect(fixture.componentInstance.submitted).toBe(1);

    button.focus();
    fixture.componentInstance.busy.set(true);
    await fixture.whenStable();
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('aria-busy')).toBe('true');
    // Still focusable (a natively disabled button would drop focus to the body) but inert.
    expect(button.disabled).toBe(false);
    expect(document.activeElement).toBe(button);
    button.click();
    expect(fixture.componentInstance.submitted).toBe(1);
  });
});
