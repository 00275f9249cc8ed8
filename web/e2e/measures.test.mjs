import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, apiAs, clientNamed, login, openBrowser, screenshots, startServer } from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

/** Waits until the filler's progress label reads exactly `text` (renders are asynchronous). */
const progressIs = (page, text) =>
  page.locator('.qfill__progress-label', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor();
const sections = (page) => page.getByRole('navigation', { name: 'Sections of this client’s record' });
/** A question on the one-page form, found by its number ("3 of 9. …"). */
const question = (page, n) => page.getByRole('group', { name: new RegExp(`^${n} of 9\\.`) });

test('PHQ-9 end to end: in session, by one-time link on a phone, results, chart, alert and acknowledgement', async () => {
  const anna = await apiAs(server.url, DEMO.anna);
  const name = `Robin Measures ${Date.now() % 100000}`;
  const client = await anna.call('POST', '/clients', { display_name: name });
  const base = `${server.url}/clients/${encodeURIComponent(client.id)}`;

  const therapist = await openBrowser();
  const visitor = await openBrowser();
  try {
    const { page } = therapist;
    await login(page, server.url, DEMO.anna);
    await page.getByLabel('Search by name').fill(name);
    await page.getByRole('link', { name }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await sections(page).getByRole('link', { name: 'Questionnaires' }).click();
    await page.getByRole('heading', { name: 'Questionnaires', level: 1 }).waitFor();
    await page.getByText('No questionnaires answered yet.').waitFor();

    // 1. In session, on the whole-page form, leaving question 9 open: the gap is named and
    //    sending needs a second, explicit step; the total is then prorated.
    await page.getByRole('button', { name: 'Fill in now (in session)' }).click();
    await page.getByLabel('Questionnaire', { exact: true }).selectOption('phq9');
    await page.getByRole('button', { name: 'Open the questionnaire' }).click();
    await page.getByRole('heading', { name: 'PHQ-9 in session', level: 1 }).waitFor();
    await page.getByText('Over the last 2 weeks, how often have you been bothered').first().waitFor();
    for (let i = 1; i <= 8; i++) await question(page, i).getByRole('radio', { name: 'More than half the days' }).check();
    await progressIs(page, '8 of 9 answered');
    await page.getByText('Question 9 is not answered yet.').waitFor();
    await page.getByRole('button', { name: 'Save answers' }).click();
    await page.getByText('Question 9 is not answered yet. You can go back and answer it, or send your answers as they are').waitFor();
    await screenshots(page, 'questionnaire-session-confirm');
    await page.getByRole('button', { name: 'Send with 1 question unanswered' }).click();
    await page.getByRole('heading', { name: 'PHQ-9 saved', level: 1 }).waitFor();
    await page.getByText('Total: 18 (Moderately severe)').waitFor();
    await page.getByText('1 question was not answered; the total was prorated from the answered ones.').waitFor();

    // 2. Assign PHQ-9 once with a one-time link.
    await page.getByRole('link', { name: 'See all results' }).click();
    await page.getByRole('heading', { name: 'Questionnaires', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Assign a questionnaire' }).click();
    await page.getByLabel('Questionnaire', { exact: true }).selectOption('phq9');
    const options = await page.getByLabel('Questionnaire', { exact: true }).locator('option').allInnerTexts();
    assert.ok(!options.some((o) => /^GSE/.test(o)), 'instruments that are not enabled are not offered');
    await page.getByLabel('How often').selectOption({ label: 'Once' });
    await page.getByLabel('Note').fill('Before our next session, please.');
    await page.getByLabel('Create a one-time link (no login needed, valid 7 days)').check();
    await page.getByRole('button', { name: 'Assign questionnaire' }).click();
    const linkInput = page.getByLabel('One-time link for the PHQ-9');
    await linkInput.waitFor();
    const url = await linkInput.inputValue();
    assert.match(url, /\/q\/[^/]+$/);
    await page.getByText('PHQ-9 is assigned (once). The one-time link is below.').waitFor();
    await page.getByRole('button', { name: 'Copy link' }).waitFor();
    await screenshots(page, 'questionnaire-assigned');

    // 3. A fresh browser with no login opens the link at phone width: one question per screen.
    const phone = visitor.page;
    await phone.setViewportSize({ width: 390, height: 844 });
    const linkPath = new URL(url).pathname;
    await phone.goto(`${server.url}${linkPath}`);
    await phone.getByRole('heading', { name: 'Patient Health Questionnaire (PHQ-9)', level: 1 }).waitFor();
    await phone.getByRole('heading', { name: 'Before you start' }).waitFor();
    await phone.getByText('Over the last 2 weeks, how often have you been bothered by any of the following problems?').waitFor();
    await screenshots(phone, 'questionnaire-link-start');
    await phone.getByRole('button', { name: 'Start' }).click();

    for (let i = 1; i <= 3; i++) {
      await progressIs(phone, `Question ${i} of 9`);
      await phone.getByRole('radio', { name: 'Several days' }).check();
      await phone.getByRole('button', { name: 'Next' }).click();
    }
    // Closing the tab loses nothing: the answers come back on this device.
    await phone.reload();
    await phone.getByText('Your earlier answers were kept on this device (3 of 9 answered).').waitFor();
    await phone.getByRole('button', { name: 'Continue' }).click();
    await progressIs(phone, 'Question 4 of 9');
    assert.ok(await phone.locator('.qoption').first().evaluate((el) => el.getBoundingClientRect().height >= 48), 'answers are large tap targets');
    await screenshots(phone, 'questionnaire-link-question');
    for (let i = 4; i <= 9; i++) {
      await progressIs(phone, `Question ${i} of 9`);
      // Question 5 is skipped for now; item 9 is answered above 0.
      if (i !== 5) await phone.getByRole('radio', { name: 'Several days' }).check();
      await phone.getByRole('button', { name: i === 9 ? 'Review answers' : 'Next' }).click();
    }
    await phone.getByRole('heading', { name: 'Check and send' }).waitFor();
    await phone.getByText('You answered 8 of 9 questions.').waitFor();
    await phone.getByRole('button', { name: 'Send my answers' }).click();
    await phone.getByText('Question 5 is not answered yet.').waitFor();
    await screenshots(phone, 'questionnaire-link-review');
    await phone.getByRole('button', { name: 'Answer question 5' }).click();
    await progressIs(phone, 'Question 5 of 9');
    await phone.getByRole('radio', { name: 'Several days' }).check();
    await phone.getByRole('button', { name: 'Next' }).click();
    await progressIs(phone, 'Question 6 of 9');
    await phone.getByRole('button', { name: 'Back' }).click();
    await progressIs(phone, 'Question 5 of 9');
    await phone.getByRole('button', { name: 'Back' }).click();
    await progressIs(phone, 'Question 4 of 9');
    assert.ok(await phone.getByRole('radio', { name: 'Several days' }).isChecked(), 'Back keeps the answer');
    // The review is one "Next" per question away; jump there by going forward.
    for (let i = 4; i <= 9; i++) {
      await progressIs(phone, `Question ${i} of 9`);
      await phone.getByRole('button', { name: i === 9 ? 'Review answers' : 'Next' }).click();
    }
    await phone.getByText('You answered all 9 questions of the PHQ-9.').waitFor();
    await phone.getByRole('button', { name: 'Send my answers' }).click();
    await phone.getByRole('heading', { name: 'Thank you', level: 1 }).waitFor();
    assert.doesNotMatch(await phone.locator('main').innerText(), /Mild|score|total/i, 'the person with the link sees no score');
    await screenshots(phone, 'questionnaire-link-thanks');
    assert.equal(await phone.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('trove.questionnaire')).length), 0, 'the draft is gone');

    // The link works once.
    await phone.goto(`${server.url}${linkPath}`);
    await phone.getByRole('heading', { name: 'This link cannot be used any more', level: 1 }).waitFor();
    await phone.getByText('Each questionnaire link works once and for 7 days.').waitFor();
    await screenshots(phone, 'questionnaire-link-used');
    assert.deepEqual(visitor.cspViolations(), []);

    // 4. The therapist sees the score and band, the alert banner and the summary on the client page.
    await page.goto(base);
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    const banner = page.locator('.mbanner');
    await banner.getByText('A risk signal needs your attention').waitFor();
    assert.match(await banner.innerText(), /item 9/);
    // Its kind, and its true age: never a request to review "today".
    assert.match(await banner.innerText(), /Critical questionnaire answer\s*· (PHQ-9, )?question 9/);
    assert.match(await banner.innerText(), /Reported (just now|\d+ minutes? ago), not yet reviewed/);
    const summary = page.locator('.msummary');
    await summary.getByText('9 (Mild)').waitFor();
    await screenshots(page, 'client-detail-questionnaire-alert');

    // ... and on the caseload, linking to the client's questionnaires.
    await page.getByRole('link', { name: 'Caseload', exact: true }).click();
    const panel = page.locator('.caseload-alerts');
    await panel.getByRole('link', { name }).waitFor();
    const robinAlert = panel.locator('li.ralert', { hasText: name });
    assert.match(await robinAlert.innerText(), /Critical questionnaire answer\s*· (PHQ-9, )?question 9/);
    assert.match(await robinAlert.innerText(), /not yet reviewed/);
    await screenshots(page, 'caseload-alerts');
    await panel.getByRole('link', { name }).click();
    await page.getByRole('heading', { name: 'Questionnaires', level: 1 }).waitFor();

    const cards = page.locator('article.mresp');
    await cards.first().waitFor();
    assert.equal(await cards.count(), 2);
    const newest = cards.first();
    assert.match(await newest.innerText(), /9 \(Mild\)/);
    assert.match(await newest.innerText(), /Critical answer, question 9/);
    assert.match(await newest.innerText(), /9 points lower than last time: a reliable improvement/);
    assert.match(await cards.nth(1).innerText(), /18 \(Moderately severe\)/);
    assert.match(await cards.nth(1).innerText(), /prorated/);
    await newest.getByText('Show the answers').click();
    await newest.getByText('9. Thoughts that you would be better off dead').waitFor();
    await screenshots(page, 'questionnaires');

    // A supervisor sees the alerts of Anna's caseload and may record a review too: here the demo's
    // critical answer of Mia K., with what was done.
    const supervisor = await openBrowser();
    try {
      const sp = supervisor.page;
      await login(sp, server.url, DEMO.clara);
      const spPanel = sp.locator('.caseload-alerts');
      await spPanel.getByRole('link', { name }).waitFor();
      const miaAlert = spPanel.locator('li.ralert', { hasText: 'Mia K.' }).filter({ hasText: 'Critical questionnaire answer' }).first();
      await miaAlert.getByRole('button', { name: 'Acknowledge…' }).click();
      await miaAlert.getByRole('button', { name: 'Record the review' }).click();
      await miaAlert.getByText('Choose what was done.').waitFor();
      await miaAlert.getByLabel('Reviewed the safety plan together').check();
      await miaAlert.getByLabel(/^Note/).fill('Went through the safety plan with Anna and Mia.');
      await screenshots(sp, 'caseload-alert-ack-form');
      await miaAlert.getByRole('button', { name: 'Record the review' }).click();
      await miaAlert.getByText(/Reviewed by you, .+: Reviewed the safety plan together/).waitFor();
      assert.equal(await miaAlert.getByRole('button', { name: 'Acknowledge…' }).count(), 0);
      await spPanel.getByRole('link', { name }).click();
      await sp.getByRole('heading', { name: 'Questionnaires', level: 1 }).waitFor();
      await sp.locator('article.mresp').first().getByRole('button', { name: 'Acknowledge…' }).waitFor();
      assert.equal(await sp.getByRole('button', { name: 'Assign a questionnaire' }).count(), 0);
      assert.deepEqual(supervisor.cspViolations(), []);
    } finally {
      await supervisor.close();
    }

    // 5. The chart: bands, cut-off, corridor and a table.
    await page.getByRole('link', { name: 'PHQ-9 chart' }).click();
    await page.getByRole('heading', { name: 'PHQ-9 over time', level: 1 }).waitFor();
    const chart = page.locator('svg.mchart');
    await chart.waitFor();
    assert.equal(await chart.locator('circle.mchart__dot').count(), 2);
    assert.equal(await chart.locator('.mchart__band rect').count(), 5);
    assert.equal(await chart.locator('line.mchart__cutoff').count(), 1);
    assert.equal(await chart.locator('rect.mchart__corridor').count(), 1);
    assert.match(await chart.getAttribute('aria-label'), /first 18 \(Moderately severe\), latest 9 \(Mild\)/);
    await page.getByText('Show the numbers as a table').click();
    assert.match(await page.locator('.mchart__table tbody').innerText(), /reliably improved/);
    await screenshots(page, 'questionnaire-chart');

    // 6. Acknowledge: the alert leaves the response, the client page and the caseload.
    await page.getByRole('link', { name: 'Back to questionnaires' }).click();
    await page.getByRole('heading', { name: 'Questionnaires', level: 1 }).waitFor();
    // Acknowledging records what was done: an action is required, a note is optional.
    await cards.first().getByRole('button', { name: 'Acknowledge…' }).click();
    const ack = cards.first().locator('form.ackform');
    await ack.getByRole('button', { name: 'Record the review' }).click();
    await ack.getByText('Choose what was done.').waitFor();
    await ack.getByLabel('Contacted the client').check();
    await ack.getByRole('button', { name: 'Record the review' }).click();
    await page.getByText(/Your review of the critical answer on the PHQ-9 of .* is recorded\./).waitFor();
    await page.locator('.mbanner--critical').waitFor({ state: 'detached' });
    assert.match(await cards.first().innerText(), /Reviewed by you, .+: Contacted the client/);
    await page.goto(base);
    await page.locator('.msummary').getByText('9 (Mild)').waitFor();
    assert.equal(await page.locator('.mbanner--critical').count(), 0);
    await page.goto(`${server.url}/clients`);
    await page.getByRole('heading', { name: 'Your caseload', level: 1 }).waitFor();
    await page.locator('.client-list').waitFor();
    // The panel may hold other clients' alerts (demo data), never this one's any more.
    assert.equal(await page.locator('.caseload-alerts').getByRole('link', { name }).count(), 0);
    assert.deepEqual(therapist.cspViolations(), []);
  } finally {
    await therapist.close();
    await visitor.close();
  }
});

test('a client fills in a due questionnaire in the portal and gets a gentle thank-you', async () => {
  const anna = await apiAs(server.url, DEMO.anna);
  const mia = await clientNamed(anna, 'Mia K.');
  await anna.call('POST', `/clients/${encodeURIComponent(mia.id)}/measure-assignments`, { instrument: 'gad7', every_weeks: 4 });
  const b = await openBrowser();
  try {
    const { page } = b;
    await login(page, server.url, DEMO.mia);
    const card = page.locator('section.pq');
    await card.getByRole('heading', { name: 'My questionnaires' }).waitFor();
    await screenshots(page, 'portal-questionnaires');
    await card.getByRole('link', { name: /Fill in\s+GAD-7/ }).click();
    await page.getByRole('heading', { name: /GAD-7/, level: 1 }).waitFor();
    // Wide screens start with all questions on one page; the toggle switches to one at a time.
    await page.getByRole('button', { name: 'Show one question at a time' }).click();
    await page.getByText('Question 1 of 7').waitFor();
    await page.getByRole('button', { name: 'Show all questions on one page' }).click();
    await page.getByText('0 of 7 answered').waitFor();
    const groups = page.getByRole('group');
    await groups.nth(6).waitFor();
    assert.equal(await groups.count(), 7);
    for (let i = 0; i < 7; i++) await groups.nth(i).getByRole('radio').first().check();
    await page.getByText('All 7 questions are answered.').waitFor();
    await screenshots(page, 'portal-questionnaire-fill');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you', level: 1 }).waitFor();
    assert.doesNotMatch(await page.locator('main').innerText(), /alert|Minimal|score/i);
    // Back on the portal, once the assignments have arrived and been drawn, GAD-7 is no longer due.
    const assignments = page.waitForResponse((r) => r.url().includes('/measure-assignments') && r.request().method() === 'GET');
    await page.getByRole('link', { name: 'Back to my space' }).first().click();
    await page.getByRole('heading', { name: 'Your resource map' }).waitFor();
    await assignments;
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await page.locator('section.pq').getByRole('link', { name: /GAD-7/ }).count(), 0, 'no longer due');
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});

test('an IPIP-VIA-R response shows the ranked strengths, the top five offered on the resource map', async () => {
  const anna = await apiAs(server.url, DEMO.anna);
  const name = `Robin Strengths ${Date.now() % 100000}`;
  const client = await anna.call('POST', '/clients', { display_name: name });
  const answers = {};
  for (let i = 1; i <= 96; i++) answers[String(i)] = (i % 5) + 1;
  await anna.call('POST', `/clients/${encodeURIComponent(client.id)}/responses`, { instrument: 'ipipvia', answers });
  const b = await openBrowser();
  try {
    const { page } = b;
    await login(page, server.url, DEMO.anna);
    await page.goto(`${server.url}/clients/${encodeURIComponent(client.id)}/questionnaires`);
    const card = page.locator('article.mresp');
    await card.getByRole('heading', { name: 'IPIP-VIA-R' }).waitFor();
    assert.equal(await card.locator('.strengths__item').count(), 24);
    assert.equal(await card.locator('.strengths__item--top').count(), 5);
    assert.equal(await card.getByText('Signature strength', { exact: true }).count(), 5);
    assert.match(await card.innerText(), /offered on the\s+resource map/);
    await screenshots(page, 'questionnaires-strengths');
    await card.getByRole('link', { name: 'resource map' }).click();
    await page.getByRole('heading', { name: 'Resource map', level: 1 }).waitFor();
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});

test('an admin enables a questionnaire only after accepting its licence', async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    await login(page, server.url, DEMO.admin);
    await page.getByRole('link', { name: 'Instruments' }).click();
    await page.getByRole('heading', { name: 'Instruments', level: 1 }).waitFor();
    const gse = page.locator('li.instrument', { has: page.getByRole('heading', { name: /^GSE/ }) });
    await gse.getByText('Not enabled').waitFor();
    assert.match(await gse.innerText(), /Licence terms need your confirmation/);
    await gse.getByRole('button', { name: 'Enable GSE…' }).click();
    await gse.getByRole('button', { name: 'Enable GSE', exact: true }).click();
    await gse.getByText('Please tick this box to confirm that you have read and accept the licence terms.').waitFor();
    await screenshots(page, 'admin-instruments');
    await gse.getByLabel('I have read and accept the licence terms').check();
    await gse.getByRole('button', { name: 'Enable GSE', exact: true }).click();
    await page.getByText('GSE is now enabled.').waitFor();
    await gse.getByText('Enabled', { exact: true }).waitFor();
    assert.ok(!b.apiCalls.some((c) => c.startsWith('GET /api/v1/clients')), 'admin screens never ask for clients');
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});
