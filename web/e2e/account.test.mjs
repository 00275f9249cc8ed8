// Issue 16, "Accounts a practice can trust": the account page for every role; a therapist sets up
// two-step sign-in (the key read off the page, the code computed here as an authenticator app
// would: RFC 6238, HMAC-SHA1, 30 s, 6 digits), keeps the recovery codes, signs in again with a code
// and with a recovery code (which then works no more), and turns it off; changing the password and
// "Sign out everywhere else" end the other sessions; API tokens with their expiry; the admin makes
// two-step sign-in required and a supervisor without it sees only the set-up screen until done.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { DEMO, PASSWORD, apiAs, login, screenshots, serverAndBrowser, settle } from './harness.mjs';

const shared = serverAndBrowser();

/** RFC 4648 base32 (what authenticator apps read) to bytes; spaces and padding ignored. */
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const i = alphabet.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The 30-second step a moment falls in. */
const stepOf = (ms = Date.now()) => Math.floor(ms / 1000 / 30);

/** The 6-digit TOTP code of `secret` for time step `step` (RFC 6238 over RFC 4226). */
function totp(secret, step = stepOf()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

test('the TOTP generator gives RFC 6238’s SHA-1 test values', () => {
  // Appendix B: the key is the ASCII "12345678901234567890"; the RFC prints 8 digits, we use the last 6.
  const key = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  assert.equal(totp(key, stepOf(59_000)), '287082');
  assert.equal(totp(key, stepOf(1_111_111_109_000)), '081804');
  assert.equal(totp(key, stepOf(2_000_000_000_000)), '279037');
});

/** Waits until a time step after `used` has begun, so the server sees a code it has not had yet. */
async function nextStepAfter(used) {
  while (stepOf() <= used) await new Promise((r) => setTimeout(r, 500));
  return stepOf();
}

async function focusedId(page) {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

async function signOut(page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL((u) => u.pathname === '/login');
}

/** Email and password on the sign-in page, then waits for the code step. */
async function passwordStep(page, email) {
  await page.goto(`${shared.server.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Two-step sign-in' }).waitFor();
}

test('a therapist sets up two-step sign-in on the account page and signs in again with a code and with a recovery code', async () => {
  const s = await shared.chromium.session();
  try {
    const { page } = s;
    await login(page, shared.server.url, DEMO.anna);
    await settle(page);
    // The way to the account page is in the header for every role.
    await page.getByRole('banner').getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await settle(page);
    assert.equal(new URL(page.url()).pathname, '/account');
    const text = await page.locator('main').innerText();
    assert.match(text, /signs you out on every other device and browser, and your API tokens stop working/);
    assert.match(text, /Two-step sign-in is off\./);
    assert.match(text, /Passkeys/);
    // Adding, using and removing a passkey: passkeys.test.mjs (it needs a localhost --public-url).
    await page.getByRole('button', { name: 'Add a passkey' }).waitFor();
    await screenshots(page, 'account-therapist');

    await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
    await page.getByRole('heading', { name: /Step 1/ }).waitFor();
    assert.equal(await focusedId(page), 'totp-step-scan', 'focus moves to the step that appeared');
    const qr = page.getByRole('img', { name: /QR code for your authenticator app/ });
    await qr.waitFor();
    assert.ok((await qr.locator('path').getAttribute('d')).length > 100, 'the QR code is drawn');
    const shown = (await page.locator('#totp-secret').innerText()).trim();
    assert.match(shown, /^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/, 'the key is written in groups of four');
    const secret = shown.replace(/\s/g, '');
    const code = page.getByLabel('6-digit code');
    assert.equal(await code.getAttribute('inputmode'), 'numeric');
    assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
    await screenshots(page, 'account-totp-setup');

    // A wrong code is named and focused; the set-up stays.
    const wrong = totp(secret) === '000000' ? '111111' : '000000';
    await code.fill(wrong);
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.getByRole('alert').filter({ hasText: /not right/ }).waitFor();
    assert.equal(await focusedId(page), 'totp-code');

    const confirmedStep = stepOf();
    await code.fill(totp(secret, confirmedStep));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    assert.equal(await focusedId(page), 'recovery-title');
    const codes = (await page.locator('.recovery-codes__list li').allInnerTexts()).map((c) => c.trim());
    assert.equal(codes.length, 10, 'ten recovery codes');
    assert.match(await page.locator('main').innerText(), /Trove shows them only now/);
    await page.getByRole('button', { name: 'Print' }).waitFor();
    await page.getByRole('button', { name: 'Copy' }).waitFor();
    await screenshots(page, 'account-recovery-codes');
    await page.getByRole('button', { name: 'I have kept them safe' }).click();
    await page.getByText('Two-step sign-in is on.', { exact: true }).waitFor();

    // Signing in again: the password, then the code from the app.
    await signOut(page);
    await passwordStep(page, DEMO.anna);
    const loginCode = page.getByLabel('6-digit code');
    assert.equal(await focusedId(page), 'login-totp', 'focus moves to the code');
    assert.equal(await loginCode.getAttribute('inputmode'), 'numeric');
    assert.equal(await loginCode.getAttribute('autocomplete'), 'one-time-code');
    await screenshots(page, 'login-second-factor');
    await loginCode.fill(wrong);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: /not right/ }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    const loginStep = await nextStepAfter(confirmedStep);
    await loginCode.fill(totp(secret, loginStep));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/clients');

    // A recovery code instead, once; the same one a second time is refused.
    await signOut(page);
    await passwordStep(page, DEMO.anna);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    const recovery = page.getByLabel('Recovery code');
    await recovery.waitFor();
    assert.equal(await focusedId(page), 'login-recovery_code');
    await screenshots(page, 'login-recovery-code');
    await recovery.fill(codes[0]);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/clients');
    await signOut(page);
    await passwordStep(page, DEMO.anna);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(codes[0]);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: /recovery code is not right, or it has been used already/ }).waitFor();
    await page.getByLabel('Recovery code').fill(codes[1]);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/clients');

    // Turning it off takes a current code.
    await page.goto(`${shared.server.url}/account`);
    await settle(page);
    await page.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
    const offCode = page.getByLabel('Code from your app, or a recovery code');
    assert.equal(await focusedId(page), 'totp-off-code');
    const offStep = await nextStepAfter(loginStep);
    await offCode.fill(totp(secret, offStep));
    await page.getByRole('button', { name: 'Turn off', exact: true }).click();
    await page.getByText('Two-step sign-in is off.', { exact: true }).first().waitFor();
    await signOut(page);
    await login(page, shared.server.url, DEMO.anna);
    assert.deepEqual(s.cspViolations(), []);
  } finally {
    await s.close();
  }
});

test('changing the password and “Sign out everywhere else” end the other sessions; API tokens show their expiry', async () => {
  const s = await shared.chromium.session({ viewport: { width: 390, height: 844 } });
  try {
    const { page } = s;
    await login(page, shared.server.url, DEMO.ben);
    await page.goto(`${shared.server.url}/account`);
    await settle(page);

    // API tokens: 30 days, the secret once with a copy button, then revoked.
    await page.getByLabel('Name', { exact: true }).fill('Monthly export');
    const days = page.getByLabel('Valid for (days)');
    assert.equal(await days.inputValue(), '90');
    await days.fill('400');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.locator('#token-expires_in_days-error').waitFor();
    await days.fill('30');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Your new token “Monthly export”').waitFor();
    assert.ok((await page.locator('#token-secret').inputValue()).length > 10, 'the secret is shown once');
    await page.getByRole('button', { name: 'Copy token' }).waitFor();
    const item = page.locator('.token').filter({ hasText: 'Monthly export' });
    await item.waitFor();
    const facts = await item.innerText();
    assert.match(facts, /Valid until/);
    assert.match(facts, /Never used/);
    await screenshots(page, 'account-tokens');
    await page.getByRole('button', { name: 'Done, I have copied it' }).click();
    assert.equal(await page.locator('#token-secret').count(), 0, 'the secret is gone from the page');
    await item.getByRole('button', { name: 'Revoke' }).click();
    await item.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('The token “Monthly export” is revoked.').waitFor();

    // Another session of Ben's (a second device) ends with "Sign out everywhere else".
    const elsewhere = await apiAs(shared.server.url, DEMO.ben);
    await elsewhere.call('GET', '/me');
    await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await page.getByText('You are now signed out on every other device and browser.').waitFor();
    await assert.rejects(elsewhere.call('GET', '/me'), /401/);

    // A wrong current password is named at its field; the right one changes it and ends the other sessions.
    const other = await apiAs(shared.server.url, DEMO.ben);
    const newPassword = 'a quiet harbour in the early fog';
    await page.getByLabel('Current password').fill('not the password at all');
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Type the new password again').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'That is not your current password.' }).waitFor();
    assert.equal(await focusedId(page), 'password-current');
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText(/Your password is changed/).waitFor();
    await assert.rejects(other.call('GET', '/me'), /401/);
    // Still signed in here; the new password works elsewhere.
    await page.goto(`${shared.server.url}/clients`);
    await settle(page);
    assert.equal(new URL(page.url()).pathname, '/clients');
    await apiAs(shared.server.url, DEMO.ben, newPassword);
    assert.deepEqual(s.cspViolations(), []);
  } finally {
    await s.close();
  }
});

test('a client has the account page without API tokens', async () => {
  const s = await shared.chromium.session();
  try {
    const { page } = s;
    await login(page, shared.server.url, DEMO.mia);
    await page.getByRole('banner').getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await settle(page);
    assert.equal(await page.getByRole('heading', { name: 'API tokens' }).count(), 0);
    assert.doesNotMatch(await page.locator('main').innerText(), /API tokens/);
    await screenshots(page, 'account-client');
  } finally {
    await s.close();
  }
});

/** On a page showing the two-step section (off): sets it up and puts the recovery codes away. */
async function setUpTwoStep(page) {
  await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  const secret = (await page.locator('#totp-secret').innerText()).replace(/\s/g, '');
  await page.getByLabel('6-digit code').fill(totp(secret));
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
  await page.getByRole('button', { name: 'I have kept them safe' }).click();
  return secret;
}

test('the admin requires two-step sign-in of staff; a supervisor without it sees only the set-up, then Trove opens', async () => {
  const admin = await shared.chromium.session();
  const clara = await shared.chromium.session();
  try {
    await login(admin.page, shared.server.url, DEMO.admin);
    await settle(admin.page);
    const staffCard = () => admin.page.locator('form', { has: admin.page.getByRole('heading', { name: 'Two-step sign-in for staff' }) });
    let card = staffCard();
    await card.waitFor();
    assert.match(await card.innerText(), /active staff members? ha(s|ve) not set up two-step sign-in yet/);
    assert.match(await admin.page.locator('.user-list').innerText(), /Password only/);
    await card.getByLabel('Required for all staff').check();
    // The admin is staff too, and is told what saving means for them.
    await card.getByText('You have not set up two-step sign-in yourself yet.', { exact: false }).waitFor();
    await screenshots(admin.page, 'admin-users-second-factor');
    await card.getByRole('button', { name: 'Save' }).click();
    await admin.page.getByRole('heading', { name: 'Set up two-step sign-in', level: 1 }).waitFor();

    // A supervisor without a second factor: only the set-up and sign-out, wherever she was going.
    const { page } = clara;
    await page.goto(`${shared.server.url}/login?next=%2Fschedule`);
    await page.getByLabel('Email').fill(DEMO.clara);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Set up two-step sign-in', level: 1 }).waitFor();
    await settle(page);
    // Chromium has WebAuthn, so a passkey is offered beside the authenticator app.
    assert.match(await page.locator('main').innerText(), /asks everyone on its staff to protect their account with more than a password/);
    await page.getByRole('button', { name: 'Add a passkey' }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 0, 'no navigation until it is set up');
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await screenshots(page, 'setup-required');
    await setUpTwoStep(page);
    // Trove opens as usual, where she was going.
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await settle(page);
    assert.equal(new URL(page.url()).pathname, '/schedule');

    // The admin sets it up too, and can then make it optional again.
    await setUpTwoStep(admin.page);
    await admin.page.getByRole('navigation', { name: 'Main' }).waitFor();
    await settle(admin.page);
    card = staffCard();
    await card.getByLabel('Optional: each person decides').check();
    await card.getByRole('button', { name: 'Save' }).click();
    await admin.page.getByText('Saved. Two-step sign-in is now optional.').waitFor();
    assert.match(await admin.page.locator('.user-list').innerText(), /Two-step sign-in/);
    assert.deepEqual(clara.cspViolations(), []);
    assert.deepEqual(admin.cspViolations(), []);
  } finally {
    await clara.close();
    await admin.close();
  }
});
