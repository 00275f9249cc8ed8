import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, PASSWORD, apiAs, caseloadNames, login, openBrowser, screenshots, startServer } from './harness.mjs';

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
    // How many alerts wait past the escalation time: a number and a calm sentence, no names.
    assert.match(await page.locator('.admin-escalations').innerText(), /(No alert has|\d+ alerts? ha(s|ve)) been waiting longer than the practice’s 24 hours/);
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

    // Deactivate (after a confirmation) and reactivate.
    await card.getByRole('button', { name: 'Deactivate…' }).click();
    await card.getByText('They can no longer sign in.').waitFor();
    await card.getByRole('button', { name: 'Deactivate Dana Supervisor' }).click();
    await card.getByText('Deactivated').waitFor();
    await card.getByRole('button', { name: 'Reactivate' }).click();
    await card.getByRole('button', { name: 'Deactivate…' }).waitFor();

    // Assign the new supervisor to Ben and see it on both cards.
    const ben = page.locator('.user-card', { hasText: DEMO.ben });
    await ben.getByRole('button', { name: 'Supervisors' }).click();
    await ben.getByLabel('Dana Supervisor').check();
    await ben.getByRole('button', { name: 'Save supervisors' }).click();
    await ben.getByText(/Supervised by .*Dana Supervisor/).waitFor();
    await card.getByText(/Supervises .*Ben/).waitFor();

    // Reset a password: the practice makes a one-time link; the person chooses the password.
    await card.getByRole('button', { name: 'Reset password' }).click();
    await card.getByRole('button', { name: 'Create reset link' }).click();
    const link = await card.getByLabel(`Reset link for ${email}`).inputValue();
    assert.match(link, /\/reset-password\?token=/);
    await assertNoClientNames('the users page after changes');
    const person = await openBrowser();
    try {
      await person.page.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
      await person.page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await person.page.getByLabel('New password', { exact: true }).fill('another long password');
      await person.page.getByLabel('Type the password again').fill('another long password');
      await person.page.getByRole('button', { name: 'Set password' }).click();
      await person.page.waitForURL((u) => u.pathname === '/login');
      await person.page.getByText('Your new password is set.', { exact: false }).waitFor();
    } finally {
      await person.close();
    }

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

test('the admin edits the crisis contacts and the escalation time, with a preview of the client’s view', async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    await login(page, server.url, DEMO.admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Safety' }).click();
    await page.getByRole('heading', { name: 'Safety', level: 1 }).waitFor();
    const text = page.getByLabel('Text for a person in crisis');
    await text.waitFor();
    assert.match(await text.inputValue(), /TelefonSeelsorge/);
    const preview = page.locator('.safety-preview');
    await preview.getByRole('link', { name: 'Call 0800 111 0 111' }).waitFor();
    await screenshots(page, 'admin-safety');

    // A new contact with a web address that is not one: named, focused, then fixed.
    await page.getByRole('button', { name: 'Add a contact' }).click();
    const added = page.getByRole('group', { name: 'Contact 5' });
    await added.getByLabel('Name').fill('Krisenchat (online, under 25)');
    await added.getByLabel(/^Web address/).fill('krisenchat.de');
    await page.getByRole('button', { name: 'Save crisis resources' }).click();
    await added.getByText('A web address starts with https://.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'crisis-contact-4-url');
    await added.getByLabel(/^Web address/).fill('https://krisenchat.de');
    await added.getByLabel(/^When it is reachable/).fill('24 hours, by chat');
    await preview.getByText('Krisenchat (online, under 25)', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Save crisis resources' }).click();
    await page.getByText('Saved. Clients see these crisis contacts from now on; the change is recorded in the audit log.').waitFor();

    // Escalation: from 1 to 168 hours.
    const hours = page.getByLabel(/^Escalate an alert nobody has reviewed after/);
    assert.equal(await hours.inputValue(), '24');
    await hours.fill('200');
    await page.getByRole('button', { name: 'Save review and escalation' }).click();
    await page.getByText('Enter a whole number of hours from 1 to 168 (one week).').waitFor();
    await hours.fill('48');
    await page.getByRole('button', { name: 'Save review and escalation' }).click();
    await page.getByText('Saved. The change is recorded in the audit log.').waitFor();

    const admin = await apiAs(server.url, DEMO.admin);
    assert.equal((await admin.call('GET', '/practice-settings')).alert_escalation_hours, 48);
    const crisis = await admin.call('GET', '/crisis');
    assert.deepEqual(crisis.contacts.at(-1), { label: 'Krisenchat (online, under 25)', url: 'https://krisenchat.de', hours: '24 hours, by chat' });
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});

test('deactivating a therapist with clients asks who takes them over', async () => {
  const admin = await apiAs(server.url, DEMO.admin);
  const stamp = Date.now() % 100000;
  const email = `tess${stamp}@example.org`;
  await admin.call('POST', '/users', { email, name: 'Tess Handover', role: 'therapist', password: PASSWORD });
  const tess = await apiAs(server.url, email);
  const clientName = `Handed Over ${stamp}`;
  await tess.call('POST', '/clients', { display_name: clientName });

  const b = await openBrowser();
  try {
    const { page } = b;
    await login(page, server.url, DEMO.admin);
    const card = page.locator('.user-card', { hasText: email });
    await card.getByRole('button', { name: 'Deactivate…' }).click();
    await card.getByRole('button', { name: 'Deactivate Tess Handover' }).click();
    await card.getByText('Tess Handover has 1 client. Choose who takes them over.').waitFor();
    await card.getByRole('button', { name: 'Hand over and deactivate' }).click();
    await card.getByText('Choose the therapist who takes over.').waitFor();
    assert.ok(!(await page.locator('main').innerText()).includes(clientName), 'no client name on the admin’s screen');
    await screenshots(page, 'admin-handover');
    await card.getByLabel('Who takes over').selectOption({ label: 'Anna Berg' });
    await card.getByRole('button', { name: 'Hand over and deactivate' }).click();
    await card.getByText(/Tess Handover can no longer sign in\. Their clients, cases, planned sessions and open alerts are now with Anna Berg\./).waitFor();
    await card.getByText('Deactivated').waitFor();
    assert.ok((await caseloadNames(server.url, DEMO.anna)).includes(clientName), 'the client is on Anna’s caseload now');
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});
