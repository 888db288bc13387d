import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { FormControl, FormGroup } from '@angular/forms';
import { applyServerErrors, serverError, toApiError, tooManyAttemptsMessage } from './api-error';

describe('toApiError', () => {
  it('keeps the API’s own error body', () => {
    const body = { statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' };
    expect(toApiError(new HttpErrorResponse({ status: 401, error: body }))).toEqual(body);
  });

  it('explains rate limiting with the wait from Retry-After, in minutes', () => {
    const error = new HttpErrorResponse({
      status: 429,
      headers: new HttpHeaders({ 'Retry-After': '600' }),
      error: { statusCode: 429, error: 'Too Many Requests', message: 'ThrottlerException' },
    });
    expect(toApiError(error).message).toBe('Too many attempts, try again in 10 minutes.');
  });

  it('never shows a bare reason phrase such as "Internal server error" to a person', () => {
    const raw = { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' };
    expect(toApiError(new HttpErrorResponse({ status: 500, error: raw })).message).toBe(
      'Something went wrong on our side. Please try again.',
    );
    const notFound = { statusCode: 404, error: 'Not Found', message: 'Not Found' };
    expect(toApiError(new HttpErrorResponse({ status: 404, error: notFound })).message).toMatch(/could not find/);
    expect(toApiError(new HttpErrorResponse({ status: 502, error: '<html>Bad Gateway</html>' })).message).toBe(
      'Something went wrong on our side. Please try again.',
    );
    // The server's own explanations are kept.
    const explained = { statusCode: 503, error: 'Service Unavailable', message: 'X is not answering right now.' };
    expect(toApiError(new HttpErrorResponse({ status: 503, error: explained })).message).toBe(
      'X is not answering right now.',
    );
  });

  it('says the server is unreachable on a network failure', () => {
    expect(toApiError(new HttpErrorResponse({ status: 0 })).message).toMatch(/could not reach/i);
  });
});

describe('tooManyAttemptsMessage', () => {
  it('rounds up to whole minutes and reads HTTP dates too', () => {
    expect(tooManyAttemptsMessage('30')).toBe('Too many attempts, try again in 1 minute.');
    expect(tooManyAttemptsMessage('61')).toBe('Too many attempts, try again in 2 minutes.');
    const now = Date.parse('2026-01-01T10:00:00Z');
    expect(tooManyAttemptsMessage('Thu, 01 Jan 2026 10:05:00 GMT', now)).toBe(
      'Too many attempts, try again in 5 minutes.',
    );
    expect(tooManyAttemptsMessage(null)).toBe('Too many attempts, try again in a few minutes.');
  });
});

describe('applyServerErrors', () => {
  const form = () => new FormGroup({ email: new FormControl(''), password: new FormControl('') });

  it('puts field details next to their fields and leaves the banner empty', () => {
    const group = form();
    const banner = applyServerErrors(group, {
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      details: [{ field: 'password', messages: ['This password is too common.'] }],
    });
    expect(banner).toBeNull();
    expect(serverError(group.controls.password)).toBe('This password is too common.');
    expect(serverError(group.controls.email)).toBeNull();
  });

  it('uses the message for the banner when there are no details', () => {
    expect(applyServerErrors(form(), { statusCode: 401, error: 'Unauthorized', message: 'Nope' })).toBe('Nope');
  });

  it('shows details for fields the form does not have in the banner', () => {
    expect(
      applyServerErrors(form(), {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        details: [{ field: 'token', messages: ['The link has expired.'] }],
      }),
    ).toBe('The link has expired.');
  });
});
