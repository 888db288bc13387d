import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DnsServer, type DnsRecords } from '@atrium/testing';
import { CLI, ROOT, serverEnv, startServer, type RunningServer } from '../support/server';
import { DEMO_PASSWORD, latestEmailTo, linkIn, signIn } from './support';

/**
 * An agency's own portal domain, end to end: dnsmasq on loopback answers the records the owner is
 * told to create, Chromium maps the test hostname to 127.0.0.1, and the built backend (its own
 * instance, so the domain and brand set here never leak into the other specs' shared server)
 * checks the records for real and serves the branded sign-in and portal on that host.
 */

const HOST = `portal.nw${randomBytes(4).toString('hex')}.test`;
/** What the agency's CNAME must point at (PORTAL_CNAME_TARGET); the DNS server gives it an address. */
const EDGE = 'edge.atrium-e2e.test';
const PORTAL_NAME = 'Northwind Client Hub';
const ROUTING: DnsRecords = {
  cname: [{ alias: HOST, target: EDGE }],
  hosts: [{ name: EDGE, address: '127.0.0.1' }],
};

// Set by beforeAll; afterAll stops whatever of them was started.
let dns: DnsServer;
let server: RunningServer;
let browser: Browser;
let api: APIRequestContext;
let appUrl = '';
let port = 0;
/** The client user's context on the custom host, kept from sign-in to the host-binding checks. */
let client: Page;

/** An address on the custom domain, as Chromium reaches it here (plain HTTP, the server's port). */
const onHost = (path: string) => `http://${HOST}:${port}${path}`;

test.describe.configure({ mode: 'serial', timeout: 90_000 });

test.beforeAll(async ({ playwright, launchOptions }) => {
  test.setTimeout(120_000);
  // Routing is in place from the start; the ownership record comes once the owner is given its value.
  dns = await DnsServer.start(ROUTING);
  port = await freePort();
  const env = serverEnv(port, {
    FRONTEND_DIR: join(ROOT, 'dist/frontend/browser'),
    // Shared by the seed and the server: the demo accounts' tokens are sealed with it.
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    DNS_RESOLVER: dns.address,
    PORTAL_CNAME_TARGET: EDGE,
  });
  execFileSync(process.execPath, [CLI, 'seed-demo'], { env, stdio: 'pipe', timeout: 60_000 });
  server = await startServer(env, 60_000);
  appUrl = server.url;
  api = await playwright.request.newContext({ baseURL: appUrl });
  browser = await playwright.chromium.launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []), `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  });
});

test.afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await api?.dispose().catch(() => undefined);
  await server?.stop();
  await dns?.stop();
});

async function newPage(baseURL?: string): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ baseURL });
  return context.newPage();
}

test.describe('Custom domain', () => {
  test('the owner brands the portal, verifies portal.<name>.test against real DNS, and the dashboard moves to it', async () => {
    const owner = await newPage(appUrl);
    await owner.goto('/login');
    await signIn(owner, 'owner@northwind.test');
    await expect(owner).toHaveURL(/\/app/);

    // Before any domain, clients are sent to the agency's sign-in address on the installation.
    const portalCard = owner.getByRole('region', { name: 'Your client portal' });
    await expect(portalCard.locator('code')).toHaveText(new RegExp(`^${literal(appUrl)}/a/[a-z0-9-]+/login$`));

    // The brand clients see instead of Atrium: a portal name, and no "Powered by Atrium".
    await owner.getByRole('navigation').getByRole('link', { name: 'Branding' }).click();
    await expect(owner.getByRole('heading', { name: 'Branding', level: 1 })).toBeVisible();
    await owner.getByLabel('Portal name').fill(PORTAL_NAME);
    const poweredBy = owner.getByRole('switch', { name: /Powered by Atrium/ });
    await expect(poweredBy).toBeChecked();
    await poweredBy.click();
    await expect(poweredBy).not.toBeChecked();
    await owner.getByRole('button', { name: 'Save brand' }).click();
    await expect(owner.getByText('Brand saved. Your clients see it from now on.')).toBeVisible();

    // The owner enters the domain and is shown the two records to create.
    const panel = owner.getByRole('region', { name: 'Custom domain' });
    await panel.getByLabel('Your domain').fill(HOST);
    await panel.getByRole('button', { name: 'Use this domain' }).click();
    await expect(panel.getByText('Waiting for the TXT record', { exact: true })).toBeVisible();
    const record = (type: string) =>
      panel.getByRole('listitem').filter({ has: owner.getByText(`${type} record`, { exact: true }) });
    const cname = record('CNAME');
    const txt = record('TXT');
    await expect(cname.locator('code')).toHaveText([HOST, EDGE]);
    await expect(txt.locator('code').first()).toHaveText(`_atrium-challenge.${HOST}`);
    const token = (await txt.locator('code').nth(1).textContent())?.trim() ?? '';
    expect(token).toMatch(/^[\w-]{20,}$/);

    // Checked before the TXT record exists: the routing is seen, ownership is not, nothing changes.
    await panel.getByRole('button', { name: 'Check now' }).click();
    await expect(panel.getByText('Checked just now: waiting for the txt record.')).toBeVisible();
    await expect(panel.getByText(`We could not find the TXT record _atrium-challenge.${HOST}`)).toBeVisible();
    await expect(cname).toContainText('Found');
    await expect(txt).toContainText('Not found yet');

    // The owner publishes the value shown at the DNS provider, and checks again: active.
    await dns.publish({ ...ROUTING, txt: [{ name: `_atrium-challenge.${HOST}`, value: token }] });
    await panel.getByRole('button', { name: 'Check now' }).click();
    await expect(panel.getByText('Checked just now: active.')).toBeVisible();
    await expect(panel.getByText('Active', { exact: true })).toBeVisible();
    await expect(txt).toContainText('Found');
    await expect(owner.getByText(`Emails to your clients link to your own domain, https://${HOST}.`)).toBeVisible();

    // The dashboard's portal address is now the agency's own domain.
    await owner.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
    await expect(portalCard.locator('code')).toHaveText(`https://${HOST}/login`);
    await owner.context().close();
  });

  test("the custom domain's sign-in page wears the agency's brand and never says Atrium", async () => {
    const page = await newPage();
    await page.goto(onHost('/login'));
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
    await expect(page.getByText(`To ${PORTAL_NAME}.`)).toBeVisible();
    await expect(page.getByRole('link', { name: PORTAL_NAME })).toBeVisible();
    await expect(page).toHaveTitle(`Sign in · ${PORTAL_NAME}`);
    await expect(page.locator('body')).not.toContainText('Atrium', { useInnerText: true });
    await expect(page.getByRole('link', { name: 'Create an agency account' })).toHaveCount(0);

    // The server sends the page already titled with the brand (no flash of Atrium's).
    const html = await page.evaluate(async () => (await fetch('/login')).text());
    expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toBe(PORTAL_NAME);
    await page.context().close();
  });

  test("an email to the agency's client user links to the custom domain, and the link opens there", async () => {
    const page = await newPage();
    await page.goto(onHost('/login'));
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page).toHaveURL(onHost('/forgot'));
    await page.getByLabel('Email').fill('anna@acme.test');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(
      page.getByText('If an account exists for that email, we sent a link to reset the password.'),
    ).toBeVisible();

    const email = await latestEmailTo(api, 'anna@acme.test');
    const link = linkIn(email.text, '/reset-password');
    expect(link.startsWith(`https://${HOST}/reset-password?token=`)).toBe(true);
    expect(`${email.subject}\n${email.text}`).not.toContain('Atrium');

    // Served over plain HTTP on the server's port here (TLS is Caddy's job in front of it).
    const { pathname, search } = new URL(link);
    await page.goto(onHost(pathname + search));
    await expect(page.getByRole('heading', { name: 'Choose a new password', level: 1 })).toBeVisible();
    await expect(page).toHaveTitle(`Choose a new password · ${PORTAL_NAME}`);
    await page.context().close();
  });

  test('a client user of the agency signs in on the custom domain and works in the portal', async () => {
    client = await newPage();
    await client.goto(onHost('/login'));
    await signIn(client, 'anna@acme.test');
    await expect(client).toHaveURL(onHost('/portal'));
    await expect(client.getByRole('heading', { name: /Welcome, Anna/ })).toBeVisible();
    await expect(client).toHaveTitle(new RegExp(`· ${PORTAL_NAME}$`));

    await client.getByRole('navigation').getByRole('link', { name: 'Media' }).click();
    await expect(client).toHaveURL(onHost('/portal/media'));
    await expect(client.getByRole('heading', { name: 'Media', level: 1 })).toBeVisible();
    await expect(client).toHaveTitle(new RegExp(`· ${PORTAL_NAME}$`));
    await expect(client.locator('body')).not.toContainText('Atrium', { useInnerText: true });
  });

  test("agency users and another agency's client users are refused there exactly like a wrong password", async () => {
    const attempt = async (email: string, password: string) => {
      const page = await newPage();
      await page.goto(onHost('/login'));
      await signIn(page, email, password);
      const alert = page.getByRole('alert');
      await expect(alert).toBeVisible();
      // What the person is told (a screen reader skips the decorative icon).
      const words = await alert.evaluate((element) => {
        const copy = element.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
        return copy.textContent?.trim();
      });
      await expect(page).toHaveURL(onHost('/login'));
      // The same question asked of the API directly, on the same host.
      const answer = await page.evaluate(
        async (body) => {
          const response = await fetch('/api/v1/auth/login', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          });
          // Every answer carries its own request id; the rest must be the same for everyone.
          const { requestId: _requestId, ...rest } = (await response.json()) as Record<string, unknown>;
          return { status: response.status, body: rest };
        },
        { email, password },
      );
      await page.context().close();
      return { words, answer };
    };

    const wrongPassword = await attempt('anna@acme.test', 'definitely not her password');
    expect(wrongPassword.words).toBe('Email or password is incorrect.');
    expect(wrongPassword.answer.status).toBe(401);

    // Right passwords, wrong people for this address: the agency's own owner, another agency's client user.
    for (const email of ['owner@northwind.test', 'dana@delta.test']) {
      expect(await attempt(email, DEMO_PASSWORD), email).toEqual(wrongPassword);
    }

    // The owner still signs in where agency users belong: on the installation.
    const owner = await newPage(appUrl);
    await owner.goto('/login');
    await signIn(owner, 'owner@northwind.test');
    await expect(owner).toHaveURL(/\/app/);
    await owner.context().close();
  });

  test('a session made on the custom domain is not accepted on APP_URL', async () => {
    // The access token and refresh cookie of Anna's session on the custom host.
    const accessToken = await client.evaluate(async () => {
      const response = await fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'include' });
      return ((await response.json()) as { accessToken: string }).accessToken;
    });
    const onCustomHost = await client.evaluate(
      async (token) => (await fetch('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } })).status,
      accessToken,
    );
    expect(onCustomHost).toBe(200);
    expect((await api.get('/api/v1/me', { headers: { Authorization: `Bearer ${accessToken}` } })).status()).toBe(401);

    // The refresh cookie is host-only (no Domain attribute), and refused on APP_URL if carried there.
    const cookies = await client.context().cookies(onHost('/api/v1/auth/refresh'));
    expect(cookies).toHaveLength(1);
    const [cookie] = cookies;
    expect(cookie.domain).toBe(HOST);
    expect(cookie.httpOnly).toBe(true);
    const carried = await api.post('/api/v1/auth/refresh', { headers: { Cookie: `${cookie.name}=${cookie.value}` } });
    expect(carried.status()).toBe(401);

    // In the same browser, APP_URL's portal asks for a sign-in.
    const elsewhere = await client.context().newPage();
    await elsewhere.goto(`${appUrl}/portal`);
    await expect(elsewhere).toHaveURL(new RegExp(`^${literal(appUrl)}/login`));
    await expect(elsewhere.getByLabel('Email')).toBeVisible();

    // The session on the custom host itself is untouched by the refusals.
    await client.reload();
    await expect(client).toHaveURL(onHost('/portal/media'));
    await expect(client.getByRole('heading', { name: 'Media', level: 1 })).toBeVisible();
    await client.context().close();
  });
});

/** A port free on 127.0.0.1 for the server this spec starts. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** `text` matched literally inside a RegExp. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
