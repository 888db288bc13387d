import { ElementRef, inject, signal } from '@angular/core';
import { FormGroup } from '@angular/forms';
import { Observable, finalize } from 'rxjs';
import { focusFirstInvalid } from '../../../core/ui/focus';
import { applySettingsError } from '../settings-errors';

/**
 * The submit the profile, email and password forms share: one request at a time; an invalid form
 * shows its errors without asking the server; a refusal lands by its fields (or in the form's
 * banner), and in both cases the keyboard goes to the first field that needs attention.
 *
 * Create it in a field initializer (after the form): it injects the host element to find that field.
 */
export class SettingsSubmission {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  /** True while the request runs: the submit button is disabled and aria-busy. */
  readonly saving = signal(false);
  /** What the server said that no field could show (the form's banner). */
  readonly error = signal<string | null>(null);

  constructor(private readonly form: FormGroup) {}

  /** Sends `request` (a cold observable: nothing goes out unless the form is valid). */
  send<T>(request: Observable<T>, saved: (result: T) => void): void {
    if (this.saving()) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host);
      return;
    }
    this.error.set(null);
    this.saving.set(true);
    request.pipe(finalize(() => this.saving.set(false))).subscribe({
      next: saved,
      error: (error: unknown) => {
        this.error.set(applySettingsError(this.form, error));
        focusFirstInvalid(this.host);
      },
    });
  }
}
