import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { of, Subject } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { LinkConfirmation } from './link-confirmation';

describe('LinkConfirmation', () => {
  const signedIn = signal(false);
  const reloadMe = jest.fn(() => of({}));
  let answer: Subject<{ message: string }>;
  let spent: string[];
  let confirmation: LinkConfirmation<{ message: string }>;

  beforeEach(() => {
    signedIn.set(false);
    reloadMe.mockClear();
    answer = new Subject();
    spent = [];
    TestBed.configureTestingModule({
      providers: [{ provide: AuthService, useValue: { isSignedIn: signedIn, reloadMe } }],
    });
    confirmation = TestBed.runInInjectionContext(
      () =>
        new LinkConfirmation((token) => {
          spent.push(token);
          return answer;
        }),
    );
  });

  it('spends the token once, however often the button is pressed while it runs', () => {
    confirmation.confirm('t1');
    confirmation.confirm('t1');
    expect(spent).toEqual(['t1']);
    expect(confirmation.state()).toBe('confirming');
  });

  it('does nothing without a token', () => {
    confirmation.confirm(undefined);
    expect(spent).toEqual([]);
    expect(confirmation.state()).toBe('idle');
  });

  it('hands over the answer and refreshes a signed-in person', () => {
    signedIn.set(true);
    const confirmed = jest.fn();
    confirmation.confirm('t1', confirmed);
    answer.next({ message: 'done' });
    expect(confirmation.state()).toBe('confirmed');
    expect(confirmed).toHaveBeenCalledWith({ message: 'done' });
    expect(reloadMe).toHaveBeenCalledTimes(1);
  });

  it('shows why a link did not work', () => {
    confirmation.confirm('t1');
    answer.error(
      new HttpErrorResponse({
        status: 400,
        error: { statusCode: 400, error: 'Bad Request', message: 'This link has expired.' },
      }),
    );
    expect(confirmation.state()).toBe('failed');
    expect(confirmation.error()).toBe('This link has expired.');
    expect(reloadMe).not.toHaveBeenCalled();
  });
});
