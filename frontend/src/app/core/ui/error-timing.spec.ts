import { FormControl, FormGroupDirective, Validators } from '@angular/forms';
import { ChangedOrSubmittedErrorStateMatcher } from './error-timing';

describe('ChangedOrSubmittedErrorStateMatcher', () => {
  const matcher = new ChangedOrSubmittedErrorStateMatcher();
  const form = (submitted: boolean) => ({ submitted }) as FormGroupDirective;

  it('keeps an empty field neutral when the person merely tabs through it', () => {
    const control = new FormControl('', Validators.required);
    control.markAsTouched();
    expect(matcher.isErrorState(control, form(false))).toBe(false);
  });

  it('shows the error once the field was changed and left, or the form was submitted', () => {
    const changed = new FormControl('', Validators.email);
    changed.setValue('not-an-email');
    changed.markAsDirty();
    expect(matcher.isErrorState(changed, form(false))).toBe(false); // still typing
    changed.markAsTouched();
    expect(matcher.isErrorState(changed, form(false))).toBe(true);

    const untouched = new FormControl('', Validators.required);
    expect(matcher.isErrorState(untouched, form(true))).toBe(true);
  });

  it("shows the server's error at once, and never an error on a valid field", () => {
    const control = new FormControl('taken@example.test');
    control.setErrors({ server: 'Already used.' });
    expect(matcher.isErrorState(control, form(false))).toBe(true);
    expect(matcher.isErrorState(new FormControl('ok'), form(true))).toBe(false);
  });
});
