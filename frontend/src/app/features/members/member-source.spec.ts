import { MAX_LOGIN_EMAILS_PER_REQUEST } from '@atrium/shared';
import { loginEmailSelectionProblem } from './member-source';

describe('loginEmailSelectionProblem', () => {
  it('lets a login email go to as many people as the server takes in one request', () => {
    expect(MAX_LOGIN_EMAILS_PER_REQUEST).toBe(1000);
    expect(loginEmailSelectionProblem(1)).toBeNull();
    expect(loginEmailSelectionProblem(MAX_LOGIN_EMAILS_PER_REQUEST)).toBeNull();
  });

  it('says in plain words why more people than that cannot be sent to at once', () => {
    expect(loginEmailSelectionProblem(MAX_LOGIN_EMAILS_PER_REQUEST + 1)).toBe(
      'A login email goes to at most 1,000 people at a time, and 1,001 are selected. Select fewer and send again.',
    );
  });
});
