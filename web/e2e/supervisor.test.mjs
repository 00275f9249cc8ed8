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

test('the supervisor reads Anna’s caseload with no way to create or edit', async () => {
  const annas = await caseloadNames(server.url, DEMO.anna);
  const bens = await caseloadNames(server.url, DEMO.ben);
  assert.ok(annas.includes('Mia K.'));

  const b = await openBrowser();
  try {
    const { page } = b;
    await login(page, server.url, DEMO.clara);
    assert.equal(new URL(page.url()).pathname, '/clients');
    await page.getByRole('heading', { name: 'Supervised caseloads' }).waitFor();
    // The caseload list itself (Mia also appears in the questionnaire-alerts panel above it).
    const list = page.locator('.client-list');
    await list.getByRole('link', { name: 'Mia K.' }).waitFor();
    const text = await page.locator('main').innerText();
    for (const name of annas) assert.ok(text.includes(name), `shows Anna’s client ${name}`);
    for (const name of bens) assert.ok(!text.includes(name), `does not show Ben’s client ${name}`);
    assert.equal(await page.getByRole('link', { name: 'New client' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'New client' }).count(), 0);
    await screenshots(page, 'caseload-supervisor');

    await list.getByRole('link', { name: 'Mia K.' }).click();
    await page.getByRole('heading', { name: 'Mia K.' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Edit' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Invite to portal' }).count(), 0);
    assert.match(await page.locator('main').innerText(), /supervisor/i);
    await screenshots(page, 'client-detail-supervisor');

    // Typing the address of a form a supervisor may not use leads back to the caseload.
    await page.goto(`${server.url}/clients/new`);
    await page.waitForURL((u) => u.pathname === '/clients');
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});
