import { HttpErrorResponse } from '@angular/common/http';
import { ElementRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { Observable, Subject } from 'rxjs';
import { serverError } from '../../../core/http/api-error';
import { SettingsSubmission } from './settings-submission';

describe('SettingsSubmission', () => {
  let form: FormGroup<{ name: FormControl<string> }>;
  let submission: SettingsSubmission;
  /** How many times the request was actually sent (subscribed to). */
  let sent: number;
  let response: Subject<string>;
  const request = new Observable<string>((subscriber) => {
    sent++;
    return response.subscribe(subscriber);
  });

  beforeEach(() => {
    sent = 0;
    response = new Subject<string>();
    form = new FormGroup({ name: new FormControl('', { nonNullable: true, validators: [Validators.required] }) });
    TestBed.configureTestingModule({
      providers: [{ provide: ElementRef, useValue: new ElementRef(document.createElement('form')) }],
    });
    submission = TestBed.runInInjectionContext(() => new SettingsSubmission(form));
  });

  it('shows an invalid form its errors without asking the server', () => {
    submission.send(request, () => undefined);
    expect(sent).toBe(0);
    expect(form.controls.name.touched).toBe(true);
  });

  it('sends one request at a time and hands over what it answered', () => {
    const saved = jest.fn();
    form.setValue({ name: 'Anna' });
    submission.send(request, saved);
    submission.send(request, saved);
    expect(sent).toBe(1);
    expect(submission.saving()).toBe(true);

    response.next('ok');
    response.complete();
    expect(saved).toHaveBeenCalledWith('ok');
    expect(submission.saving()).toBe(false);
  });

  it('puts a refusal by its field, or in the banner when no field can show it', () => {
    form.setValue({ name: 'Anna' });
    submission.send(request, () => undefined);
    response.error(
      new HttpErrorResponse({
        status: 400,
        error: { statusCode: 400, message: 'Validation failed', details: [{ field: 'name', messages: ['Too long.'] }] },
      }),
    );
    expect(serverError(form.controls.name)).toBe('Too long.');
    expect(submission.error()).toBeNull();
    expect(submission.saving()).toBe(false);

    response = new Subject<string>();
    form.setValue({ name: 'Anna' });
    submission.send(request, () => undefined);
    response.error(new HttpErrorResponse({ status: 500, error: { statusCode: 500, message: 'Something broke.' } }));
    expect(submission.error()).toBe('Something broke.');
  });
});
