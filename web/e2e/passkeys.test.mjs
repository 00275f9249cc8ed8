// Issue 16, passkeys: a therapist adds a passkey on the account page (a name first, then the
// browser's prompt, answered by Chromium's virtual authenticator over the DevTools protocol), signs
// out, signs in with the passkey alone (no email, no password) and lands on her start page; the
// passkey's "last used" is then set; she removes it after a confirmation, and the same passkey no
// longer signs her in. The browser's refusals read as sentences (a closed prompt; a device that
// already holds a passkey for the account). On the set-up-required screen a supervisor adds a
// passkey instead of an authenticator app and Trove opens.
//
// WebAuthn refuses IP addresses as relying-party ids, so this file starts its own server with
// `--public-url http://localhost:PORT` and opens every page at http://localhost:PORT.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, DEMO, PASSWORD, apiAs, freePort, launchBrowser, login, screenshots, settle, startServer } from './harness.mjs';

let server;
let chromium;
let base;

before(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = await startServer({ port, extraArgs: ['--public-url', base] });
  chromium = await launchBrowser();
});

after(async () => {
  await chromium?.close();
  await server?.stop();
});

/** A CTAP2 platform authenticator that holds discoverable credentials and verifies the user. */
async function virtualAuthenticator(s) {
  const cdp = await s.context.newCDPSession(s.page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    async credentials() {
      return (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
    },
    /** false: the person does not confirm (fingerprint not recognised, prompt closed). */
    async userVerified(yes) {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: yes });
    },
  };
}

async function focusedId(page) {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

const passkeySection = (page) => page.getByRole('region', { name: 'Passkeys', exact: true });

/** The section alone at both widths, for a person to look at (the full page goes through screenshots()). */
async function sectionPictures(page, locator, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const original = page.viewportSize();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(() => document.fonts.ready);
    await locator.screenshot({ path: path.join(ARTIFACTS, `${name}-part-${width}.png`) });
  }
  if (original) await page.setViewportSize(original);
}

test('a therapist adds a passkey, signs in with it alone, and removes it', async () => {
  const s = await chromium.session();
  try {
    const { page } = s;
    const authenticator = await virtualAuthenticator(s);

    // The sign-in page offers the passkey below the password form.
    await page.goto(`${base}/login`);
    await settle(page);
    const passkeyButton = page.getByRole('button', { name: 'Sign in with a passkey' });
    await passkeyButton.waitFor();
    await screenshots(page, 'login-passkey');

    await login(page, base, DEMO.anna);
    await page.getByRole('banner').getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await settle(page);
    const section = passkeySection(page);
    await section.getByText('You have no passkeys yet.').waitFor();

    // A name first; an empty one is named and focused.
    await section.getByRole('button', { name: 'Add a passkey' }).click();
    await section.getByRole('heading', { name: 'A new passkey' }).waitFor();
    assert.equal(await focusedId(page), 'passkey-name', 'focus moves to the name');
    await section.getByRole('button', { name: 'Create the passkey' }).click();
    await section.getByText('Please give the passkey a name.').first().waitFor();
    assert.equal(await focusedId(page), 'passkey-name');
    await sectionPictures(page, section, 'account-passkeys-form');

    // The person does not confirm on the device: nothing is saved, and the page says so.
    await authenticator.userVerified(false);
    await section.getByLabel('Name').fill('Work laptop');
    await section.getByRole('button', { name: 'Create the passkey' }).click();
    const alert = section.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.innerText(), 'Nothing was saved — the passkey prompt was closed.');
    assert.equal(await focusedId(page), 'passkey-name', 'focus back on the name to try again');
    assert.equal((await authenticator.credentials()).length, 0);

    // Confirmed this time.
    await authenticator.userVerified(true);
    await section.getByRole('button', { name: 'Create the passkey' }).click();
    await section.getByText('Passkey “Work laptop” added. You can now sign in with it.').waitFor();
    await settle(page);
    const item = section.getByRole('listitem').filter({ hasText: 'Work laptop' });
    await item.waitFor();
    assert.match(await item.innerText(), /Added /);
    assert.match(await item.innerText(), /Not used to sign in yet/);
    assert.equal(await focusedId(page), 'passkeys-title', 'focus on the section after adding');
    const creds = await authenticator.credentials();
    assert.equal(creds.length, 1);
    assert.equal(creds[0].isResidentCredential, true, 'a discoverable credential: no email needed to sign in');
    await screenshots(page, 'account-passkeys');
    await sectionPictures(page, section, 'account-passkeys');

    // The same device a second time: the server's excludeCredentials makes the browser refuse.
    await section.getByRole('button', { name: 'Add a passkey' }).click();
    await section.getByLabel('Name').fill('Work laptop again');
    await section.getByRole('button', { name: 'Create the passkey' }).click();
    await section.getByRole('alert').filter({ hasText: 'already holds a passkey for your account' }).waitFor();
    await section.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await focusedId(page), 'passkey-add');
    assert.equal(await section.getByRole('listitem').count(), 1);

    // Signed out, then in with the passkey alone.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await settle(page);
    assert.equal(await page.getByLabel('Email').inputValue(), '', 'no email typed');
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await settle(page);
    assert.equal(new URL(page.url()).pathname, '/clients', 'the therapist’s start page, as after a password');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const anna = await apiAs(base, DEMO.anna, PASSWORD);
    const keys = (await anna.call('GET', '/me/passkeys')).items;
    assert.equal(keys.length, 1);
    assert.ok(keys[0].last_used_at, 'the sign-in is recorded as the passkey’s last use');

    // Removed after a confirmation.
    await page.getByRole('banner').getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await settle(page);
    const listed = passkeySection(page).getByRole('listitem').filter({ hasText: 'Work laptop' });
    assert.match(await listed.innerText(), /Last used /);
    await listed.getByRole('button', { name: 'Remove' }).click();
    await listed.getByText('Remove “Work laptop”?').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Remove passkey', 'focus on the decision');
    await sectionPictures(page, passkeySection(page), 'account-passkeys-remove');
    await listed.getByRole('button', { name: 'Remove passkey' }).click();
    await passkeySection(page).getByText('Passkey “Work laptop” removed.').waitFor();
    await passkeySection(page).getByText('You have no passkeys yet.').waitFor();
    assert.equal(await focusedId(page), 'passkeys-title');
    assert.deepEqual((await anna.call('GET', '/me/passkeys')).items, []);

    // The passkey is still on the device, but Trove no longer knows it.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await settle(page);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'That passkey could not sign you in.' });
    await refused.waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.deepEqual(s.cspViolations(), []);
  } finally {
    await s.close();
  }
});

test('a closed prompt on the sign-in page says that nobody was signed in', async () => {
  const s = await chromium.session({ viewport: { width: 390, height: 844 } });
  try {
    const { page } = s;
    const authenticator = await virtualAuthenticator(s);
    await authenticator.userVerified(false);
    await page.goto(`${base}/login`);
    await settle(page);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /^You are not signed in — the passkey prompt was closed\./);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Sign in with a passkey', 'focus back on the button');
    await sectionPictures(page, page.locator('main'), 'login-passkey-cancelled');
  } finally {
    await s.close();
  }
});

test('on the set-up-required screen a supervisor adds a passkey instead of an app, and Trove opens', async () => {
  const admin = await apiAs(base, DEMO.admin, PASSWORD);
  await admin.call('PATCH', '/practice-settings', { staff_second_factor: 'required' });
  const s = await chromium.session();
  try {
    const { page } = s;
    await virtualAuthenticator(s);
    await page.goto(`${base}/login?next=%2Fschedule`);
    await page.getByLabel('Email').fill(DEMO.clara);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Set up two-step sign-in', level: 1 }).waitFor();
    await settle(page);
    assert.match(await page.locator('main').innerText(), /a passkey \(your device’s screen lock or a security key\) or a code from an authenticator app/);
    await screenshots(page, 'setup-required-passkey');
    const section = passkeySection(page);
    await section.getByRole('button', { name: 'Add a passkey' }).click();
    assert.equal(await focusedId(page), 'passkey-name');
    await section.getByLabel('Name').fill('Phone');
    await section.getByRole('button', { name: 'Create the passkey' }).click();
    // A passkey is a second factor: Trove opens, where she was going.
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await settle(page);
    assert.equal(new URL(page.url()).pathname, '/schedule');
    assert.deepEqual(s.cspViolations(), []);
  } finally {
    await s.close();
  }
});
