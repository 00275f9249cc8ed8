import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, caseloadNames, login, openBrowser, screenshots, startServer } from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

test('a client sees only their own portal, and /clients shows nothing of others', async () => {
  const others = [...(await caseloadNames(server.url, DEMO.anna)), ...(await caseloadNames(server.url, DEMO.ben))].filter(
    (n) => n !== 'Mia K.',
  );
  assert.ok(others.length > 0, 'the demo has other clients to check against');

  const b = await openBrowser();
  try {
    const { page } = b;
    await login(page, server.url, DEMO.mia);
    assert.equal(new URL(page.url()).pathname, '/portal');
    await page.getByRole('heading', { name: /Mia/ }).waitFor();
    const text = await page.locator('body').innerText();
    assert.match(text, /Mia K\./);
    assert.match(text, /What Trove is for/);
    assert.equal(await page.getByRole('link', { name: /caseload/i }).count(), 0);
    await screenshots(page, 'portal');

    await page.goto(`${server.url}/clients`);
    await page.waitForURL((u) => u.pathname === '/portal');
    await page.getByRole('heading', { name: /Mia/ }).waitFor();
    const after = await page.locator('body').innerText();
    for (const name of others) assert.ok(!after.includes(name), `portal must not show ${name}`);
    assert.ok(!b.apiCalls.some((c) => c === 'GET /api/v1/clients'), 'the portal never asks for a caseload');
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});

test('an invited client sets a password on /invite and can then sign in', async () => {
  const therapist = await openBrowser();
  let inviteUrl;
  const email = `invitee${Date.now() % 100000}@example.org`;
  const name = `Noa Invite ${Date.now() % 100000}`;
  try {
    const { page } = therapist;
    await login(page, server.url, DEMO.ben);
    await page.getByRole('link', { name: 'New client' }).click();
    await page.getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.getByRole('heading', { name }).waitFor();
    await page.getByRole('button', { name: 'Invite to portal' }).click();
    await page.getByLabel('Client’s email address').fill(email);
    await page.getByRole('button', { name: 'Create invite link' }).click();
    inviteUrl = await page.getByLabel('One-time link').inputValue();
  } finally {
    await therapist.close();
  }

  const b = await openBrowser();
  try {
    const { page } = b;
    // The link carries the server's public URL; open the same path on the test server.
    const token = new URL(inviteUrl).searchParams.get('token');
    assert.ok(token, 'the invite link has a token');
    await page.goto(`${server.url}/invite?token=${encodeURIComponent(token)}`);
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await page.getByLabel('New password').fill('short');
    await page.getByLabel('Type the password again').fill('short');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.locator('#invite-password-error').waitFor();
    await screenshots(page, 'invite');

    const password = 'a calm river at dawn';
    await page.getByLabel('New password').fill(password);
    await page.getByLabel('Type the password again').fill(password);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByText('Your password is set.').waitFor();

    await login(page, server.url, email, password);
    assert.equal(new URL(page.url()).pathname, '/portal');
    await page.getByRole('heading', { name: /Noa/ }).waitFor();
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});
