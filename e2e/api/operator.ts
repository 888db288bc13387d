import { execFileSync } from 'node:child_process';
import { generateSync } from 'otplib';
import { CLI } from '../support/server';
import { ApiClient } from './http';

export interface SignedInOperator {
  email: string;
  /** The TOTP secret enrolled, for later codes. */
  secret: string;
  recoveryCodes: string[];
  /** An ApiClient sending the operator's bearer token. */
  api: ApiClient;
}

/**
 * A platform operator made the way an installation's owner makes one (`cli.js platform-admin add`,
 * its generated password read from the command's output), then signed in over HTTP: password,
 * TOTP enrolment with a code computed here, the operator token.
 */
export async function operatorSignIn(
  baseUrl: string,
  env: Record<string, string>,
  email = `ops-${Date.now()}@example.com`,
): Promise<SignedInOperator> {
  const output = execFileSync(process.execPath, [CLI, 'platform-admin', 'add', email, '--name', 'E2E Operator'], {
    env,
    encoding: 'utf8',
  });
  const password = /Password \(shown once[^:]*\): (\S+)/.exec(output)?.[1];
  if (!password) throw new Error(`No password in the CLI's output:\n${output}`);

  const api = new ApiClient(baseUrl);
  const login = await api.call('POST', '/api/v1/admin/auth/login', { email, password });
  if (login.status !== 200 || login.body.step !== 'enrol')
    throw new Error(`Operator login: ${login.status} ${login.text}`);
  const { challengeToken } = login.body as { challengeToken: string };
  const enrolment = await api.call('POST', '/api/v1/admin/auth/enrol/start', { challengeToken });
  const secret = enrolment.body.secret as string;
  const finished = await api.call('POST', '/api/v1/admin/auth/enrol/finish', {
    challengeToken,
    code: generateSync({ secret }),
  });
  if (finished.status !== 200) throw new Error(`Operator enrolment: ${finished.status} ${finished.text}`);
  api.accessToken = finished.body.accessToken;
  return { email, secret, recoveryCodes: finished.body.recoveryCodes, api };
}
