import { RunningServer, seedDemo, serverEnv, startServer } from '../support/server';
import { ApiClient } from './http';

const DEMO_PASSWORD = 'atrium-demo-2026';

/**
 * The built backend as one process on its embedded defaults: a portal user connects an account
 * through the sandbox's OAuth 2 server over real HTTP (the backend calls its own token endpoint),
 * the agency schedules a post, the process's own scheduler publishes it.
 */
describe('Connect and publish over HTTP (built backend)', () => {
  let server: RunningServer;

  beforeAll(async () => {
    const env = serverEnv(4313, { PUBLISH_POLL_MS: '300', ENCRYPTION_KEY: 'e2e-'.repeat(10) });
    seedDemo(env);
    server = await startServer(env);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('connects through the sandbox consent page and publishes a scheduled post on time', async () => {
    const portal = new ApiClient(server.url);
    expect((await portal.signIn('anna@acme.test', DEMO_PASSWORD)).status).toBe(200);
    const started = await portal.call('POST', '/api/v1/portal/accounts/connect', { provider: 'local' });
    expect(started.status).toBe(201);

    // The person at the platform: open the consent page, approve.
    const consent = new URL(started.body.authorizationUrl);
    expect(consent.origin).toBe(server.url);
    const page = await fetch(consent);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Authorize');
    const approved = await fetch(`${server.url}/api/dev-oauth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...Object.fromEntries(consent.searchParams),
        handle: 'acme-e2e',
        display_name: 'Acme E2E',
        decision: 'approve',
      }),
    });
    expect(approved.status).toBe(303);
    const callback = new URL(approved.headers.get('location') as string);
    expect(callback.pathname).toBe('/oauth/callback');
    const done = await portal.call('POST', '/api/v1/social-accounts/oauth/complete', {
      state: callback.searchParams.get('state'),
      code: callback.searchParams.get('code'),
    });
    expect(done.status).toBe(200);
    const accountId = done.body.accounts[0].id as string;

    const agency = new ApiClient(server.url);
    await agency.signIn('member@northwind.test', DEMO_PASSWORD);
    const listed = await agency.call('GET', '/api/v1/social-accounts');
    const account = listed.body.items.find((a: { id: string }) => a.id === accountId);
    expect(account).toMatchObject({ clientName: 'Acme Coffee', connectedVia: 'portal', health: 'connected' });

    const post = await agency.call('POST', '/api/v1/posts', {
      clientId: account.clientId,
      text: 'Published by the built backend',
      accountIds: [accountId],
      scheduledAt: new Date(Date.now() + 1500).toISOString(),
    });
    expect(post.status).toBe(201);
    let published: { status: string; targets: Array<{ url: string | null }> } = post.body;
    for (let i = 0; i < 60 && published.status !== 'published'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      published = (await agency.call('GET', `/api/v1/posts/${post.body.id}`)).body;
    }
    expect(published.status).toBe('published');
    const feed = await fetch(published.targets[0].url as string);
    expect(await feed.text()).toContain('Published by the built backend');
  });
});
