import { RunningServer, seedDemo, serverEnv, startServer } from '../support/server';
import { ApiClient } from './http';
import { operatorSignIn, type SignedInOperator } from './operator';

const DEMO_PASSWORD = 'atrium-demo-2026';

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 120; i++) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/**
 * The built backend, an operator made by its CLI: signs in with TOTP, finds the demo agency,
 * suspends it (its people are refused, its scheduled post waits) and restores it (the post goes).
 */
describe('Platform admin over HTTP (built backend)', () => {
  let server: RunningServer;
  let env: Record<string, string>;
  let operator: SignedInOperator;

  beforeAll(async () => {
    env = serverEnv(4317, { PUBLISH_POLL_MS: '300', ENCRYPTION_KEY: 'e2e-'.repeat(10) });
    seedDemo(env);
    server = await startServer(env);
    operator = await operatorSignIn(server.url, env);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('keeps operators and users apart', async () => {
    const owner = new ApiClient(server.url);
    await owner.signIn('owner@northwind.test', DEMO_PASSWORD);
    expect((await owner.call('GET', '/api/v1/admin/agencies')).status).toBe(403);
    expect((await operator.api.call('GET', '/api/v1/agency/overview')).status).toBe(401);
    expect((await new ApiClient(server.url).call('GET', '/api/v1/admin/agencies')).status).toBe(401);
  });

  it('suspends an agency: its people are refused and its scheduled post waits; restored, the post goes', async () => {
    const found = await operator.api.call('GET', '/api/v1/admin/agencies?q=owner%40northwind.test');
    expect(found.status).toBe(200);
    expect(found.body.items).toHaveLength(1);
    const northwind = found.body.items[0];
    expect(northwind).toMatchObject({ status: 'active', owner: { email: 'owner@northwind.test' } });
    expect(northwind.counts.clients).toBeGreaterThan(0);
    expect(northwind.counts.posts).toBeGreaterThan(0);

    const owner = new ApiClient(server.url);
    await owner.signIn('owner@northwind.test', DEMO_PASSWORD);
    const client = new ApiClient(server.url);
    await client.signIn('anna@acme.test', DEMO_PASSWORD);
    const accounts = await owner.call('GET', '/api/v1/social-accounts');
    const account = accounts.body.items.find((a: { clientName: string }) => a.clientName === 'Acme Coffee');
    const post = await owner.call('POST', '/api/v1/posts', {
      clientId: account.clientId,
      text: 'Held while the workspace is suspended',
      accountIds: [account.id],
      scheduledAt: new Date(Date.now() + 1000).toISOString(),
    });
    expect(post.status).toBe(201);

    const suspended = await operator.api.call('POST', `/api/v1/admin/agencies/${northwind.id}/suspend`, {
      reason: 'E2E: abuse report',
    });
    expect(suspended.body).toMatchObject({ status: 'suspended', suspendedReason: 'E2E: abuse report' });
    const ownerRefused = await owner.call('GET', '/api/v1/agency/overview');
    expect(ownerRefused.status).toBe(403);
    expect(ownerRefused.body.message).toMatch(/workspace is suspended/);
    const clientRefused = await client.call('GET', '/api/v1/portal/overview');
    expect(clientRefused.status).toBe(403);
    expect(clientRefused.body.message).toMatch(/contact your agency/);

    // Past its time, and several scheduler passes (every 300 ms) later, the platform has not got it.
    const feed = async () => (await fetch(`${server.url}/api/dev-oauth/feed/acme-coffee`)).text();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await feed()).not.toContain('Held while the workspace is suspended');

    const restored = await operator.api.call('POST', `/api/v1/admin/agencies/${northwind.id}/restore`);
    expect(restored.body).toMatchObject({ status: 'active', suspendedAt: null });
    const published = await eventually(
      () => owner.call('GET', `/api/v1/posts/${post.body.id}`),
      (response) => response.body.status === 'published',
      'the held post to publish',
    );
    expect(published.body.publishedAt).not.toBeNull();
    expect(await feed()).toContain('Held while the workspace is suspended');
    expect((await client.call('GET', '/api/v1/portal/overview')).status).toBe(200);
  });
});
