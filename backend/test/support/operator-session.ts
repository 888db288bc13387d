import { generateSync } from 'otplib';
import { OperatorAccounts } from '../../src/modules/platform-admin/operators/operator-accounts.service';
import { TEST_PASSWORD, uniqueEmail } from './factories';
import type { TestApp } from './test-app';

export interface OperatorSession {
  operatorId: string;
  email: string;
  /** The base32 TOTP secret enrolled, to compute further codes with `generateSync({ secret })`. */
  secret: string;
  recoveryCodes: string[];
  /** The operator bearer token (admin audience). */
  token: string;
  authHeader: { Authorization: string };
}

/**
 * A platform operator made as the CLI makes one, then signed in through the HTTP routes as an
 * operator would: password, TOTP enrolment with a code computed here, token.
 */
export async function operatorSession(t: TestApp, email = uniqueEmail('operator')): Promise<OperatorSession> {
  const { operator } = await t.app.get(OperatorAccounts).add({ email, password: TEST_PASSWORD });
  const login = await t.http().post('/api/v1/admin/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
  const { challengeToken } = login.body as { challengeToken: string };
  const enrolment = await t.http().post('/api/v1/admin/auth/enrol/start').send({ challengeToken }).expect(200);
  const { secret } = enrolment.body as { secret: string };
  const finished = await t
    .http()
    .post('/api/v1/admin/auth/enrol/finish')
    .send({ challengeToken, code: generateSync({ secret }) })
    .expect(200);
  const { accessToken, recoveryCodes } = finished.body as { accessToken: string; recoveryCodes: string[] };
  return {
    operatorId: operator.id,
    email,
    secret,
    recoveryCodes,
    token: accessToken,
    authHeader: { Authorization: `Bearer ${accessToken}` },
  };
}
