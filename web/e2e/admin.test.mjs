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

test('the admin manages users and reads the audit log without seeing any client name', async () => {
  const clientNames = [...(await caseloadNames(server.url, DEMO.anna)), ...(await caseloadNames(server.url, DEMO.ben))];
  assert.ok(clientNames.length > 0);
  const assertNoClientNames = async (where) => {
    const text = await b.page.locator('body').innerText();
    for (const name of clientNames) assert.ok(!text.includes(name), `${where} must not show the client name ${name}`);
  };

  const b = await openBrowser();
  try {
    const { page } = b;
    await login(page, server.url, DEMO.admin);
    assert.equal(new URL(page.url()).pathname, '/admin/users');
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByText(DEMO.anna).waitFor();
    const text = await page.locator('main').innerText();
    for (const email of [DEMO.anna, DEMO.ben, DEMO.clara]) assert.ok(text.includes(email), `lists ${email}`);
    await assertNoClientNames('the users page');
    await screenshots(page, 'admin-users');

    // Create a user and find them in the list.
    await page.getByRole('button', { name: 'Add a user' }).click();
    const email = `dana${Date.now() % 100000}@example.org`;
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Name').fill('Dana Supervisor');
    await page.getByLabel('Role').selectOption('supervisor');
    await page.getByLabel('Initial password').fill('short');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.locator('#new-user-password-error').waitFor();
    await screenshots(page, 'admin-user-form');
    await page.getByLabel('Initial password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText(`(${email}) was added`).waitFor();
    const card = page.locator('.user-card', { hasText: email });
    await card.waitFor();

    // Deactivate and reactivate.
    await card.getByRole('button', { name: 'Deactivate' }).click();
    await card.getByText('Deactivated').waitFor();
    await card.getByRole('button', { name: 'Reactivate' }).click();
    await card.getByRole('button', { name: 'Deactivate' }).waitFor();

    // Assign the new supervisor to Ben and see it on both cards.
    const ben = page.locator('.user-card', { hasText: DEMO.ben });
    await ben.getByRole('button', { name: 'Supervisors' }).click();
    await ben.getByLabel('Dana Supervisor').check();
    await ben.getByRole('button', { name: 'Save supervisors' }).click();
    await ben.getByText(/Supervised by .*Dana Supervisor/).waitFor();
    await card.getByText(/Supervises .*Ben/).waitFor();

    // Reset a password.
    await card.getByRole('button', { name: 'Reset password' }).click();
    await card.getByLabel(`New password for ${email}`).fill('another long password');
    await card.getByRole('button', { name: 'Set password', exact: true }).click();
    await card.getByText(`The password for ${email} was changed.`).waitFor();
    await assertNoClientNames('the users page after changes');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.locator('table.audit tbody tr').first().waitFor();
    assert.ok((await page.locator('table.audit tbody tr').count()) > 0);
    await assertNoClientNames('the audit log');
    await screenshots(page, 'admin-audit');

    await page.getByLabel('Action', { exact: true }).fill('user.update');
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('table.audit tbody tr td[data-label="Action"]')];
      return cells.length > 0 && cells.every((td) => td.textContent === 'user.update');
    });

    assert.ok(!b.apiCalls.some((c) => c.includes('/api/v1/clients')), `the admin UI never calls /clients: ${b.apiCalls}`);
    // Typing a clinical address shows nothing clinical either.
    await page.goto(`${server.url}/clients`);
    await page.waitForURL((u) => u.pathname === '/admin/users');
    await assertNoClientNames('an admin visiting /clients');
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});

test('the admin sets the journal defaults; an unknown time zone is explained', async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    await login(page, server.url, DEMO.admin);
    await page.getByRole('link', { name: 'Journal' }).click();
    await page.getByRole('heading', { name: 'Journal settings' }).waitFor();
    const shared = page.getByLabel('New entries start as shared with the therapist');
    assert.equal(await shared.isChecked(), false, 'entries start private unless the practice decides otherwise');
    await page.getByLabel('Therapists see the dates of private entries').check();
    const zone = page.getByLabel(/Time zone of the practice/);
    await zone.fill('Mars/Olympus_Mons');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Unknown time zone; use a name like Europe/Berlin.').waitFor();
    await zone.fill('Europe/Berlin');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved. The change is recorded in the audit log.').waitFor();
    await screenshots(page, 'admin-journal-settings');
    await page.reload();
    await page.getByRole('heading', { name: 'Journal settings' }).waitFor();
    assert.equal(await page.getByLabel(/Time zone of the practice/).inputValue(), 'Europe/Berlin');
    assert.equal(await page.getByLabel('Therapists see the dates of private entries').isChecked(), true);
  } finally {
    await b.close();
  }
});
