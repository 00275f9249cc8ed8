import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, apiAs, login, openBrowser, screenshots, startServer } from './harness.mjs';

// Issue 13, the client's side: a risk signal is never left alone (the practice's crisis contacts
// on the same screen, calmly), and the safety plan opens on the phone with no connection.

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const PHONE = { width: 390, height: 844 };

test('a critical answer through a one-time link shows the crisis contacts first, on a phone', async () => {
  const anna = await apiAs(server.url, DEMO.anna);
  const client = await anna.call('POST', '/clients', { display_name: `Robin Crisis ${Date.now() % 100000}` });
  const assigned = await anna.call('POST', `/clients/${encodeURIComponent(client.id)}/measure-assignments`, {
    instrument: 'phq9',
    every_weeks: null,
    link: true,
  });
  const linkPath = new URL(assigned.link.url).pathname;

  const visitor = await openBrowser();
  try {
    const { page } = visitor;
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}${linkPath}`);
    await page.getByRole('heading', { name: 'Patient Health Questionnaire (PHQ-9)', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Show all questions on one page' }).click();
    for (let i = 1; i <= 9; i++) {
      const q = page.getByRole('group', { name: new RegExp(`^${i} of 9\\.`) });
      // Item 9 (thoughts of being better off dead or of self-harm) above 0 is a critical answer.
      await q.getByRole('radio', { name: i === 9 ? 'Several days' : 'Not at all' }).check();
    }
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you', level: 1 }).waitFor();

    const crisis = page.locator('section.crisis');
    await crisis.getByRole('heading', { name: 'If you need someone now' }).waitFor();
    // The contacts come before the thanks, each one tappable.
    const order = await page.evaluate(() => {
      const c = document.querySelector('section.crisis');
      const t = document.querySelector('.thanks');
      return c && t ? c.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    assert.ok(order, 'the crisis contacts come before the thank-you');
    const tel = crisis.locator('a[href^="tel:"]');
    assert.ok((await tel.count()) >= 1, 'at least one number can be called with a tap');
    assert.equal(await crisis.getByRole('link', { name: /^Call 112$/ }).getAttribute('href'), 'tel:112');
    const box = await tel.first().boundingBox();
    assert.ok(box && box.height >= 44, 'call links are large tap targets');
    const text = await page.locator('main').innerText();
    assert.match(text, /The practice will look at your answers .+\./);
    assert.match(text, /not an emergency service/i);
    assert.doesNotMatch(text, /!/, 'no exclamation marks at distress');
    assert.doesNotMatch(text, /score|total|severe/i, 'the person with the link sees no score');
    await screenshots(page, 'questionnaire-link-crisis');
    assert.deepEqual(visitor.cspViolations(), []);
  } finally {
    await visitor.close();
  }
});

test('the client’s safety plan: a low mood in the journal, the plan offline on the phone, gone at sign-out', async () => {
  const b = await openBrowser();
  try {
    const { page, context } = b;
    await page.setViewportSize(PHONE);
    await login(page, server.url, DEMO.mia);
    await page.getByRole('heading', { name: /Mia/, level: 1 }).waitFor();

    // A private entry with a very low mood: the practice's numbers under it, and plainly who sees it.
    await page.goto(`${server.url}/portal/journal`);
    const form = page.locator('form.jform').first();
    await form.getByRole('radio', { name: 'Anything' }).check();
    await form.getByLabel('Whatever you would like to keep.').fill('A heavy evening.');
    await form.locator('label[for="jnew-mood-1"]').click();
    await form.getByRole('radio', { name: /Only you can see this/ }).check();
    await form.getByRole('button', { name: 'Save entry' }).click();
    const low = page.locator('.jlowmood');
    await low.getByText('nobody at the practice will see it', { exact: false }).waitFor();
    assert.ok((await low.locator('a[href^="tel:"]').count()) >= 1);
    await low.getByRole('button', { name: 'Share this entry with my therapist' }).waitFor();
    await screenshots(page, 'journal-low-mood');

    // The plan from the nav, in Stanley & Brown's order, with the crisis numbers.
    await page.getByRole('link', { name: 'Safety plan', exact: true }).click();
    await page.getByRole('heading', { name: 'My safety plan', level: 1 }).waitFor();
    const plan = page.locator('article.splan');
    await plan.getByText('Feet on the floor; name five things I can see.').waitFor();
    const headings = await plan.locator('h2').allInnerTexts();
    assert.deepEqual(
      headings.map((h) => h.replace(/^\d+\s*/, '')),
      ['Signs that a hard time is starting', 'What I can do', 'People I can ask', 'Professionals and crisis numbers', 'Making my surroundings safe', 'My reasons'],
    );
    assert.equal(await plan.getByRole('link', { name: /^Call 112$/ }).getAttribute('href'), 'tel:112');
    await plan.getByRole('link', { name: 'Sister Lena' }).waitFor();
    await screenshots(page, 'portal-safety-plan');

    // Printed: only the plan, on one sheet.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.site-header')).display,
      buttons: [...document.querySelectorAll('main .btn')].every((el) => getComputedStyle(el).display === 'none'),
      plan: getComputedStyle(document.querySelector('.splan')).display,
    }));
    assert.deepEqual(printed, { header: 'none', buttons: true, plan: 'block' });
    const pdf = await page.pdf({ path: new URL('./artifacts/portal-safety-plan.pdf', import.meta.url).pathname, format: 'A4' });
    const sheets = (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
    assert.equal(sheets, 1, 'the plan prints on one A4 sheet');
    await page.emulateMedia({ media: 'screen' });

    // The client changes her plan herself.
    await page.getByRole('button', { name: 'Change my plan' }).click();
    await page.getByRole('button', { name: 'Add a sign' }).click();
    await page.getByLabel('Sign 4').fill('I cancel plans with friends.');
    await page.getByRole('button', { name: 'Save safety plan' }).click();
    await page.getByText('Your safety plan is saved.', { exact: false }).waitFor();
    await plan.getByText('I cancel plans with friends.').waitFor();

    // Offline: the service worker serves the app, the phone keeps the plan and the numbers.
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
    await page.reload();
    await plan.getByText('I cancel plans with friends.').waitFor();
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'My safety plan', level: 1 }).waitFor();
    await page.getByText('You are offline. This is the copy kept on this phone', { exact: false }).waitFor();
    await plan.getByText('I cancel plans with friends.').waitFor();
    await plan.getByText('Feet on the floor; name five things I can see.').waitFor();
    assert.equal(await plan.getByRole('link', { name: /^Call 112$/ }).getAttribute('href'), 'tel:112');
    assert.ok((await plan.locator('.crisis__contact').count()) >= 2, 'the practice’s crisis contacts are there offline');
    await screenshots(page, 'portal-safety-plan-offline');

    // Still offline, a very low mood in a shared entry: it waits on the phone, and the numbers kept
    // there are shown at once; once it reaches the practice, the review promise applies.
    await page.goto(`${server.url}/portal/journal`);
    const waiting = page.locator('form.jform').first();
    await waiting.getByRole('radio', { name: 'Anything' }).check();
    await waiting.getByLabel('Whatever you would like to keep.').fill('Another heavy hour.');
    await waiting.locator('label[for="jnew-mood-1"]').click();
    await waiting.getByRole('radio', { name: /Your therapist can read this/ }).check();
    await waiting.getByRole('button', { name: 'Save entry' }).click();
    await page.getByText('Saved on this phone.', { exact: false }).waitFor();
    await low.getByText('will be sent as soon as this phone is online again', { exact: false }).waitFor();
    assert.equal(await low.getByRole('link', { name: /^Call 112$/ }).getAttribute('href'), 'tel:112');
    await context.setOffline(false);
    await low.getByText('The practice will look at this entry', { exact: false }).waitFor({ timeout: 15_000 });

    // Signing out removes the plan from the phone.
    const kept = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('trove.safety.')).length);
    assert.equal(await kept(), 1);
    await page.goto(`${server.url}/portal`);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    assert.equal(await kept(), 0, 'no safety plan is left on the device');
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});
