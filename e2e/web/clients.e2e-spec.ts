import { expect, test, type Browser, type Page } from '@playwright/test';
import { latestEmailTo, linkIn, signIn } from './support';

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/login');
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

test.describe('Clients and client users', () => {
  test('an agency creates a client, invites a person who joins the portal, sees them joined, and removes them', async ({
    browser,
    request,
  }) => {
    const agency = await signedIn(browser, 'admin@northwind.test');
    const clientName = `Orchid Florists ${Date.now()}`;
    const inviteeEmail = `orla-${Date.now()}@example.com`;

    await agency.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
    await agency.getByRole('button', { name: 'Create client' }).click();
    await agency.getByRole('dialog').getByLabel('Name').fill(clientName);
    await agency
      .getByRole('dialog')
      .getByRole('button', { name: /create/i })
      .click();
    await expect(agency.getByText(clientName).first()).toBeVisible();

    await agency.getByRole('button', { name: `Invite to ${clientName}` }).click();
    const dialog = agency.getByRole('dialog');
    await expect(dialog.getByLabel('Full name')).toBeFocused();
    await dialog.getByLabel('Full name').fill('Orla Orchid');
    await dialog.getByLabel('Email').fill(inviteeEmail);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await expect(dialog).toBeHidden();

    await agency.getByRole('button', { name: `Show users of ${clientName}` }).click();
    await expect(agency.getByRole('cell', { name: inviteeEmail })).toBeVisible();
    await expect(agency.getByText('Invited', { exact: true }).first()).toBeVisible();

    // The invitee opens the captured email's link, sets a password and lands in the portal.
    const email = await latestEmailTo(request, inviteeEmail);
    expect(email.subject).toContain(clientName);
    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(linkIn(email.text, '/invite'));
    await expect(invitee.getByText(/Northwind Creative/).first()).toBeVisible();
    await expect(invitee.getByText(clientName).first()).toBeVisible();
    await invitee.getByLabel('Password', { exact: true }).fill('orla picks a passphrase');
    await invitee.getByLabel('Confirm password').fill('orla picks a passphrase');
    await invitee.getByRole('button', { name: 'Accept invitation' }).click();
    await expect(invitee).toHaveURL(/\/portal/);
    await expect(invitee.getByRole('heading', { name: /Welcome, Orla/ })).toBeVisible();

    // The agency sees the person Active and the Joined count move.
    await agency.reload();
    await agency.getByRole('button', { name: `Show users of ${clientName}` }).click();
    await expect(agency.getByText('Active', { exact: true }).first()).toBeVisible();
    await agency.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
    const joinedRow = agency.getByRole('row', { name: new RegExp(clientName) });
    await expect(joinedRow).toContainText('1');

    // Removing the person signs them out on their next click.
    await agency.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
    await agency.getByRole('button', { name: `Show users of ${clientName}` }).click();
    await agency.getByRole('button', { name: 'Remove Orla Orchid' }).click();
    await agency.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
    await expect(agency.getByText('Deactivated', { exact: true }).first()).toBeVisible();

    await invitee.reload();
    await expect(invitee).toHaveURL(/\/login/);
  });

  test('an expired or replaced invitation link explains what to do', async ({ page }) => {
    await page.goto('/invite?token=this-token-was-never-issued-by-atrium');
    await expect(page.getByText(/no longer valid/i)).toBeVisible();
  });

  test('a magic link signs a client user in only when they press the button', async ({ browser }) => {
    const agency = await signedIn(browser, 'owner@northwind.test');
    const api = agency.context().request;
    // The agency's API call, made with the page's session: find Max and create his link.
    const token = await agency.evaluate(async () => {
      const refresh = await fetch('/api/v1/auth/refresh', { method: 'POST', credentials: 'include' });
      return ((await refresh.json()) as { accessToken: string }).accessToken;
    });
    const clients = (await (
      await api.get('/api/v1/clients', { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as {
      items: Array<{ id: string; name: string }>;
    };
    const acme = clients.items.find((c) => c.name === 'Acme Coffee')!;
    const users = (await (
      await api.get(`/api/v1/clients/${acme.id}/users`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as Array<{
      id: string;
      email: string;
    }>;
    const max = users.find((u) => u.email === 'max@acme.test')!;
    const link = (await (
      await api.post(`/api/v1/client-users/${max.id}/magic-link`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as {
      url: string;
    };

    const client = await (await browser.newContext()).newPage();
    await client.goto(new URL(link.url).pathname + new URL(link.url).search);
    await expect(client).toHaveURL(/\/magic-link/);
    await client.getByRole('button', { name: 'Sign in' }).click();
    await expect(client).toHaveURL(/\/portal/);
    await expect(client.getByRole('heading', { name: /Welcome, Max/ })).toBeVisible();
  });
});

test.describe('Client admin Team page', () => {
  test('a client admin invites a colleague from the portal; a member has no Team page', async ({ browser }) => {
    const anna = await signedIn(browser, 'anna@acme.test');
    await anna.getByRole('link', { name: 'Team', exact: true }).first().click();
    await expect(anna).toHaveURL(/\/portal\/team/);
    await expect(anna.getByText('max@acme.test')).toBeVisible();
    const email = `colleague-${Date.now()}@example.com`;
    await anna
      .getByRole('button', { name: /invite/i })
      .first()
      .click();
    const dialog = anna.getByRole('dialog');
    // The dialog moves focus to its first field once open; typing before that can land in the
    // wrong field (fill focuses, then types into whatever has focus).
    await expect(dialog.getByLabel('Full name')).toBeFocused();
    await dialog.getByLabel('Full name').fill('Cole League');
    await dialog.getByLabel('Email').fill(email);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await expect(anna.getByRole('cell', { name: email })).toBeVisible();
    await expect(anna.getByText('Invited', { exact: true }).first()).toBeVisible();

    const max = await signedIn(browser, 'max@acme.test');
    await expect(max.getByRole('link', { name: 'Team', exact: true })).toHaveCount(0);
    await max.goto('/portal/team');
    await expect(max).not.toHaveURL(/\/portal\/team$/);
  });

  test('a person in two clients switches between them', async ({ browser }) => {
    const sam = await signedIn(browser, 'sam@multi.test');
    await expect(sam.getByText('Acme Coffee').first()).toBeVisible();
    await sam.getByRole('button', { name: /switch client/i }).click();
    await sam.getByRole('menuitemradio', { name: /Blue Harbor Hotels/ }).click();
    await expect(sam.getByText('You are viewing Blue Harbor Hotels')).toBeVisible();
    await expect(sam.getByRole('button', { name: /switch client, Blue Harbor Hotels is active/i })).toBeVisible();
  });
});
