import { RATE_LIMITS } from '../src/core/rate-limit/rate-limit.rules';
import { Factory, TEST_PASSWORD, uniqueEmail } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** Each test gets its own application: the limits count per IP, and every request here is 127.0.0.1. */
describe('Rate limits', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  it('limits sign-in attempts per IP across many accounts', async () => {
    const { limit } = RATE_LIMITS.loginPerIp;
    for (let attempt = 0; attempt < limit; attempt++) {
      const response = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: uniqueEmail('spray'), password: 'guess guess guess' });
      expect(response.status).toBe(401);
    }
    const user = await new Factory(t).agencyUser(await new Factory(t).agency(), 'owner');
    const limited = await t.http().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits password-reset requests per account with the same answer for unknown accounts', async () => {
    const user = await new Factory(t).agencyUser(await new Factory(t).agency(), 'owner');
    for (const email of [user.email, uniqueEmail('ghost')]) {
      for (let attempt = 0; attempt < RATE_LIMITS.forgotPerAccount.limit; attempt++) {
        expect((await t.http().post('/api/v1/auth/forgot-password').send({ email })).status).toBe(202);
      }
      expect((await t.http().post('/api/v1/auth/forgot-password').send({ email })).status).toBe(429);
    }
    // Only the allowed number of emails went out (the per-recipient email limit is the lower one).
    expect(await t.emailsTo(user.email)).toHaveLength(RATE_LIMITS.emailResetPerRecipient.limit);
  });

  it('limits confirmation resends per account', async () => {
    const email = uniqueEmail('resend');
    for (let attempt = 0; attempt < RATE_LIMITS.resendPerAccount.limit; attempt++) {
      expect((await t.http().post('/api/v1/auth/resend-confirmation').send({ email })).status).toBe(202);
    }
    expect((await t.http().post('/api/v1/auth/resend-confirmation').send({ email })).status).toBe(429);
  });
});
