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

test('a wrong password shows the server’s message and keeps the person on the login page', async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    await page.goto(`${server.url}/clients`);
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshots(page, 'login');
    await page.getByLabel('Email').fill(DEMO.anna);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.ok((await alert.innerText()).trim().length > 10, 'an error sentence is shown');
    assert.equal(new URL(page.url()).pathname, '/login');
    await screenshots(page, 'login-error');

    // Repeated failures for one address are throttled; the page says how long to wait.
    let message = '';
    for (let i = 0; i < 12 && !/Too many attempts/.test(message); i++) {
      await page.getByLabel('Email').fill('nobody@demo.trove');
      await page.getByLabel('Password', { exact: true }).fill(`wrong-${i}`);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
      await page.waitForFunction(() => !document.querySelector('button[aria-busy="true"]'));
      message = await page.getByRole('alert').innerText();
    }
    assert.match(message, /^Too many attempts\. Try again in \d+ (second|seconds|minute|minutes)\.$/);
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});

test('a therapist creates a client and finds it on the caseload and its detail page', async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    await login(page, server.url, DEMO.anna);
    assert.equal(new URL(page.url()).pathname, '/clients');
    await page.getByRole('heading', { name: 'Your caseload' }).waitFor();
    await page.locator('.client-card').first().waitFor();
    // The header shows the practice, the person and the role.
    const header = await page.locator('header').innerText();
    assert.match(header, /Therapist/);
    assert.match(header, /Log out/);
    await screenshots(page, 'caseload-therapist');

    await page.getByRole('link', { name: 'New client' }).click();
    await page.getByRole('heading', { name: 'New client' }).waitFor();

    // Client-side validation names the problem next to the field.
    await page.getByRole('button', { name: 'Add client' }).click();
    await page.locator('#client-display_name-error').waitFor();
    assert.equal(await page.getByLabel('Name').getAttribute('aria-invalid'), 'true');
    await screenshots(page, 'client-form-errors');

    const name = `Robin E2E ${Date.now() % 100000}`;
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Birth year').fill('1990');
    await page.getByLabel('Trauma').check();
    await page.getByLabel('Paused').check();
    await page.getByRole('button', { name: 'Add client' }).click();

    await page.getByRole('heading', { name }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/clients\/[^/]+$/);
    const detail = await page.locator('main').innerText();
    assert.match(detail, /1990/);
    assert.match(detail, /Trauma/);
    assert.match(detail, /Paused/);
    assert.match(detail, /was added to your caseload/);
    await page.getByRole('link', { name: 'Edit' }).waitFor();
    await screenshots(page, 'client-detail');

    // The portal invite gives a one-time link with its expiry.
    await page.getByRole('button', { name: 'Invite to portal' }).click();
    await page.getByLabel('Client’s email address').fill(`robin${Date.now() % 100000}@example.org`);
    await page.getByRole('button', { name: 'Create invite link' }).click();
    const link = page.getByLabel('One-time link');
    await link.waitFor();
    assert.match(await link.inputValue(), /\/invite\?token=/);
    assert.match(await page.locator('.invite').innerText(), /expires on/);
    await screenshots(page, 'client-invite');

    // Editing keeps the values and saves a change.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: `Edit ${name}` }).waitFor();
    assert.equal(await page.getByLabel('Birth year').inputValue(), '1990');
    await page.getByLabel('Active').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    await page.getByRole('heading', { name }).waitFor();
    assert.match(await page.locator('.facts').first().innerText(), /Active/);

    // Back on the caseload the new client is listed, and search narrows the list to it.
    await page.getByRole('link', { name: 'Back to caseload' }).click();
    await page.getByRole('link', { name }).waitFor();
    await page.getByLabel('Search by name').fill(name);
    await page.waitForURL((u) => u.searchParams.get('q') === name);
    await page.waitForFunction(() => document.querySelectorAll('.client-card').length === 1);
    assert.equal(await page.locator('.client-card').count(), 1);

    const names = await caseloadNames(server.url, DEMO.anna);
    assert.ok(names.includes(name), 'the API lists the new client on Anna’s caseload');
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});
