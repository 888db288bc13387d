import { Injectable } from '@angular/core';
import type { AbstractControl, FormGroupDirective, NgForm } from '@angular/forms';
import type { ErrorStateMatcher } from '@angular/material/core';

/**
 * When a field shows its error: once its form was submitted, or once the person changed it and
 * moved on. Material's default (as soon as it was touched) turns a field red merely for being
 * tabbed through empty. An error the server put on a field shows at once.
 */
@Injectable()
export class ChangedOrSubmittedErrorStateMatcher implements ErrorStateMatcher {
  isErrorState(control: AbstractControl | null, form: FormGroupDirective | NgForm | null): boolean {
    if (!control?.invalid) return false;
    if (form?.submitted || control.hasError('server')) return true;
    return control.dirty && control.touched;
  }
}
