import { HttpErrorResponse } from '@angular/common/http';
import { challengeIsOver, codeRefusal, isAppCode, isRecoveryCode, normaliseCode } from './two-factor-code';

const refused = (status: number, body: object) => new HttpErrorResponse({ status, error: body });

describe('two-factor codes', () => {
  it('takes app codes with spaces and recovery codes in any case, as the API wants them', () => {
    expect(normaliseCode(' 123 456 ')).toBe('123456');
    expect(normaliseCode('ABCDE-12345')).toBe('abcde-12345');
    expect(isAppCode('123 456')).toBe(true);
    expect(isAppCode('12345')).toBe(false);
    expect(isRecoveryCode(' ABCDE-12345 ')).toBe(true);
    expect(isRecoveryCode('abcde12345')).toBe(false);
  });

  it('ends the sign-in when the challenge has run out on this clock, whatever the server said', () => {
    const wrongCode = refused(401, { statusCode: 401, error: 'Unauthorized', message: 'That code is not right.' });
    expect(challengeIsOver(wrongCode, 1_000, 999)).toBe(false);
    expect(challengeIsOver(wrongCode, 1_000, 1_000)).toBe(true);
  });

  it('ends the sign-in when the server names the challenge, not the code', () => {
    const later = Date.now() + 60_000;
    const badChallenge = refused(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      details: [{ field: 'challengeToken', messages: ['must be a string'] }],
    });
    const badCode = refused(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      details: [{ field: 'code', messages: ['must be 6 digits or a recovery code'] }],
    });
    expect(challengeIsOver(badChallenge, later)).toBe(true);
    expect(challengeIsOver(badCode, later)).toBe(false);
    expect(codeRefusal(badCode)).toBe('This must be 6 digits or a recovery code.');
  });
});
