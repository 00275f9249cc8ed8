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

/** A date N days back, as the browser's date field wants it (local time). */
function daysAgo(n) {
  const d = new Date(Date.now() - n * 24 * 60 * 60 * 1000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const nodes = (page) => page.locator('svg.rmap a.rmap__node');
const nodeFor = (page, title) => page.locator(`svg.rmap a.rmap__node[aria-label^="${title}."]`);

async function nodeLabel(page, title) {
  const labels = await nodes(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  return labels.find((l) => l.startsWith(`${title}.`)) ?? null;
}

async function waitForNodeCount(page, n) {
  await page.waitForFunction((count) => document.querySelectorAll('svg.rmap a.rmap__node').length === count, n);
}

async function waitForMapIdle(page) {
  await page.waitForFunction(() => !document.querySelector('.mapview[aria-busy="true"]'));
}

async function addResource(page, { title, kind, stabilising = false, hidden = false }) {
  await page.getByRole('link', { name: 'Add resource' }).click();
  await page.getByRole('heading', { name: 'New resource' }).waitFor();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Kind of resource').selectOption({ label: kind });
  if (stabilising) await page.getByLabel('Stabilising: it helps in a crisis').check();
  if (hidden) await page.getByLabel('Show it to the client in their portal').uncheck();
  await page.getByRole('button', { name: 'Add resource' }).click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  await page.getByText(`“${title}” was added to ${kind}.`).waitFor();
}

async function rate(page, availability, activation, date = '') {
  await page.getByLabel('Availability', { exact: true }).fill(String(availability));
  await page.getByLabel('Activation', { exact: true }).fill(String(activation));
  if (date) await page.getByLabel('Date of the rating').fill(date);
  await page.getByRole('button', { name: 'Save rating' }).click();
  await page.getByText(`Rating saved: availability ${availability} of 10, activation ${activation} of 10.`).waitFor();
}

async function backToMap(page) {
  await page.getByRole('link', { name: 'Back to the resource map' }).click();
  await page.getByRole('heading', { name: 'Resource map', level: 1 }).waitFor();
  await waitForMapIdle(page);
}

test('a therapist builds a resource map, rates it twice and looks back in time', async () => {
  // A new client, so the map starts empty (the demo's Mia already has one).
  const anna = await apiAs(server.url, DEMO.anna);
  const name = `Robin Map ${Date.now() % 100000}`;
  await anna.call('POST', '/clients', { display_name: name });
  const b = await openBrowser();
  try {
    const { page } = b;
    await login(page, server.url, DEMO.anna);
    await page.getByLabel('Search by name').fill(name);
    await page.getByRole('link', { name }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Sections of this client’s record' }).getByRole('link', { name: 'Resource map' }).click();
    await page.getByRole('heading', { name: 'Resource map', level: 1 }).waitFor();
    await page.getByText('No resources recorded yet.').waitFor();

    // A stabilising body resource, rated a month ago and again today with different values.
    await addResource(page, { title: 'Walks with the dog', kind: 'Body & health', stabilising: true });
    await page.getByText('Not rated yet.').waitFor();
    await rate(page, 3, 2, daysAgo(30));
    await rate(page, 8, 7);
    // The confirmation comes first, the reloaded ratings a moment later: wait for them.
    await page.waitForFunction(() => /Availability 8 of 10/.test(document.querySelector('.ratings')?.innerText ?? ''));
    assert.match(await page.locator('.ratings').innerText(), /Availability 8 of 10/);
    await page.getByText('All ratings (2)').click();
    assert.equal(await page.locator('.ratings__history tbody tr').count(), 2);
    assert.equal(await page.locator('svg.spark').count(), 1, 'the trend sparkline is drawn');
    await screenshots(page, 'resource-detail');

    await backToMap(page);
    await addResource(page, { title: 'Good at listening', kind: 'Skills' });
    await rate(page, 6, 4);
    await backToMap(page);
    // Not rated and kept from the client: drawn hollow at the rim, absent from the portal.
    await addResource(page, { title: 'Sister Lea', kind: 'People', hidden: true });
    await backToMap(page);

    await waitForNodeCount(page, 3);
    assert.match(await nodeLabel(page, 'Walks with the dog'), /availability 8 of 10, activation 7 of 10\. stabilising/);
    assert.match(await nodeLabel(page, 'Sister Lea'), /not rated yet/);
    assert.equal(await page.locator('svg.rmap .rmap__stable').count(), 1, 'the stabilising resource has its ring');
    assert.equal(await page.locator('svg.rmap .rmap__dot--hollow').count(), 1, 'the unrated resource is hollow');
    const today = await page.locator('.mapview__date').innerText();
    assert.match(today, /today/);
    await screenshots(page, 'resource-map');

    // "First session" shows the map as it was at the first rating: only the walks, with the old values.
    await page.getByRole('button', { name: 'First session' }).click();
    await waitForNodeCount(page, 1);
    await waitForMapIdle(page);
    assert.match(await nodeLabel(page, 'Walks with the dog'), /availability 3 of 10, activation 2 of 10/);
    assert.notEqual(await page.locator('.mapview__date').innerText(), today);
    await screenshots(page, 'resource-map-first-session');
    await page.getByRole('button', { name: 'Now', exact: true }).click();
    await waitForNodeCount(page, 3);
    await waitForMapIdle(page);

    // The slider moves through the days in between; half way the map still shows the old rating.
    const slider = page.getByLabel('Date shown');
    const max = Number(await slider.getAttribute('max'));
    assert.ok(max >= 30, `the slider spans the month (${max} steps)`);
    await slider.fill(String(Math.floor(max / 2)));
    await page.waitForFunction(() => !/today/.test(document.querySelector('.mapview__date')?.textContent ?? ''));
    await waitForMapIdle(page);
    await waitForNodeCount(page, 1);
    assert.match(await nodeLabel(page, 'Walks with the dog'), /availability 3 of 10/);

    await page.getByRole('button', { name: 'Now', exact: true }).click();
    await waitForNodeCount(page, 3);
    await waitForMapIdle(page);
    assert.match(await nodeLabel(page, 'Walks with the dog'), /availability 8 of 10/);

    // The list view shows the same data as text, grouped by category.
    await page.getByRole('button', { name: 'List', exact: true }).click();
    const list = page.locator('.mapview__list');
    await list.getByRole('heading', { name: /Body & health/ }).waitFor();
    const listText = await list.innerText();
    assert.match(listText, /Walks with the dog/);
    assert.match(listText, /Availability 8 of 10/);
    assert.match(listText, /Not shown to the client/);
    assert.match(listText, /Stabilising/);
    await screenshots(page, 'resource-list');
    await page.getByRole('button', { name: 'Map', exact: true }).click();

    // Nodes are reachable by keyboard; Enter opens the resource.
    await nodeFor(page, 'Good at listening').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Good at listening', level: 1 }).waitFor();

    // Archive and restore.
    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByText('Archived. It no longer appears on the map').waitFor();
    await page.getByRole('button', { name: 'Restore resource' }).click();
    await page.getByText('Restored. The resource is back on the map.').waitFor();
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});

test('the guided interview, goals, balance and safety plan work for the therapist', async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    await login(page, server.url, DEMO.anna);
    const anna = await apiAs(server.url, DEMO.anna);
    const lukas = await clientNamed(anna, 'Lukas B.');
    const base = `${server.url}/clients/${encodeURIComponent(lukas.id)}`;

    // Interview: step through to the third area and capture an answer with a quick rating.
    await page.goto(`${base}/interview`);
    await page.getByRole('heading', { name: 'Resource interview', level: 1 }).waitFor();
    await page.getByText('Step 1 of 8').waitFor();
    await page.getByRole('button', { name: /^Next:/ }).click();
    await page.getByRole('button', { name: /^Next:/ }).click();
    await page.getByText('Step 3 of 8').waitFor();
    const firstQuestion = page.locator('.question').first();
    await firstQuestion.locator('textarea').fill('My cousin Deniz');
    await firstQuestion.getByLabel('Rate it now').check();
    await firstQuestion.getByLabel('Availability', { exact: true }).fill('7');
    await firstQuestion.getByRole('button', { name: 'Add as resource' }).click();
    await page.getByText(/^Added “My cousin Deniz” to .+, rated 7 and 5 of 10\.$/).waitFor();
    await screenshots(page, 'resource-interview');

    // Goals: one linked to the new resource, rated twice.
    await page.getByRole('navigation', { name: 'Sections of this client’s record' }).getByRole('link', { name: 'Goals & problems' }).click();
    await page.getByRole('heading', { name: 'Goals & problems', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New goal' }).click();
    await page.getByLabel('Goal', { exact: true }).fill('Sleep through the night');
    await page.getByLabel(/^My cousin Deniz \(/).check();
    await page.getByRole('button', { name: 'Add goal' }).click();
    await page.getByText('Added the goal “Sleep through the night”.').waitFor();
    for (const value of ['3', '6']) {
      await page.getByRole('button', { name: 'Rate “Sleep through the night”' }).click();
      await page.getByLabel('How far along?').fill(value);
      await page.getByRole('button', { name: 'Save rating' }).click();
      await page.getByText(`Rating saved: ${value} of 10 along the way.`).waitFor();
    }
    await page.locator('.tracked__item svg.spark').waitFor();
    assert.match(await page.locator('.tracked__item').first().innerText(), /Supported by\s+My cousin Deniz/);
    await page.getByRole('button', { name: 'New problem' }).click();
    await page.getByLabel('Problem', { exact: true }).fill('Worries at night');
    await page.getByRole('button', { name: 'Add problem' }).click();
    await page.getByRole('button', { name: 'Rate “Worries at night”' }).click();
    await page.getByLabel('How intense is it now?').fill('8');
    await page.getByRole('button', { name: 'Save rating' }).click();
    await page.getByText('Rating saved: intensity 8 of 10.').waitFor();
    await screenshots(page, 'goals-problems');

    await page.goto(`${base}/balance`);
    await page.getByRole('heading', { name: 'Balance', level: 1 }).waitFor();
    await page.locator('svg.balance__chart').waitFor();
    await page.getByText('Show the numbers as a table').click();
    assert.ok((await page.locator('.balance__table tbody tr').count()) >= 1);
    await screenshots(page, 'balance');

    // The coping card grew into the safety plan; its old address leads there.
    await page.goto(`${base}/coping-card`);
    await page.waitForURL((u) => u.pathname.endsWith('/safety-plan'));
    await page.getByRole('heading', { name: 'Safety plan', level: 1 }).waitFor();
    await page.locator('article.splan .crisis__contact').first().waitFor();
    await page.getByRole('button', { name: 'Change the plan' }).click();
    const people = page.locator('#plan-people_to_ask-group');
    await people.getByRole('button', { name: 'Add a person' }).click();
    const person = people.getByRole('group').last();
    await person.getByLabel('Name', { exact: true }).fill('Aunt Meral');
    await person.getByLabel('Phone').fill('+49 30 1234 567');
    const steps = page.locator('#plan-calming_steps-group');
    await steps.getByRole('button', { name: 'Add a calming step' }).click();
    await steps.getByRole('textbox').last().fill('Breathe out slowly, five times');
    await page.getByRole('button', { name: 'Add a reason in the client’s words' }).click();
    await page.locator('#plan-reasons-group').getByRole('textbox').last().fill('My little brother');
    await page.getByLabel('Or link a resource from the client’s map').selectOption({ label: 'My cousin Deniz' });
    await page.getByRole('button', { name: 'Add as a reason' }).click();
    await screenshots(page, 'safety-plan-editor');
    await page.getByRole('button', { name: 'Save safety plan' }).click();
    await page.getByText('The safety plan is saved.').waitFor();
    const plan = page.locator('article.splan');
    for (const words of ['Aunt Meral', 'Breathe out slowly, five times', 'My little brother']) await plan.getByText(words).waitFor();
    await plan.getByRole('link', { name: 'My cousin Deniz' }).waitFor();
    assert.equal(await plan.getByRole('link', { name: /\+49 30 1234 567/ }).getAttribute('href'), 'tel:+49301234567');
    await screenshots(page, 'safety-plan');
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});

test('a client sees their map without hidden resources, rates, proposes and opens the safety plan', async () => {
  const anna = await apiAs(server.url, DEMO.anna);
  const mia = await clientNamed(anna, 'Mia K.');
  const owner = `/clients/${encodeURIComponent(mia.id)}`;
  const shown = await anna.call('POST', `${owner}/resources`, {
    title: 'Baking bread at weekends',
    category: 'interest',
    therapist_note: 'Therapist-only observation 4711',
  });
  await anna.call('POST', `/resources/${shown.id}/ratings`, { availability: 5, activation: 4 });
  await anna.call('POST', `${owner}/resources`, { title: 'Secret therapist hypothesis', category: 'meaning', visible_to_client: false });
  await anna.call('POST', `${owner}/goals`, { title: 'Go swimming again' });
  await anna.call('PUT', `${owner}/safety-plan`, {
    people_to_ask: [{ name: 'Sister Lea', phone: '+49 171 555 0101', note: 'Any time' }],
    calming_steps: ['Cold water on the wrists', 'Name five things I can see'],
    reasons: ['My dog'],
  });

  const b = await openBrowser();
  try {
    const { page } = b;
    await login(page, server.url, DEMO.mia);
    await page.getByRole('heading', { name: /Mia/, level: 1 }).waitFor();
    // Her own map; the stabilisation group's shared map follows in its own card.
    const own = page.locator('section[aria-labelledby="portal-map"]');
    await own.locator('svg.rmap').waitFor();
    await waitForMapIdle(page);
    const group = page.locator('section.map-card', { hasText: 'Together: Stabilisation group' });
    await group.locator('a.rmap__node[aria-label^="Breathing together."]').waitFor();
    const html = await page.content();
    assert.ok(html.includes('Baking bread at weekends'), 'the shared resource is on the map');
    assert.ok(!html.includes('Secret therapist hypothesis'), 'a resource hidden from the client is nowhere on the page');
    assert.ok(!html.includes('4711'), 'no therapist note reaches the page');
    assert.ok(!b.apiCalls.some((c) => c === 'GET /api/v1/clients'), 'the portal never asks for a caseload');
    await screenshots(page, 'portal-map');
    await own.getByRole('button', { name: 'List', exact: true }).click();
    assert.ok(!(await own.locator('.mapview__list').innerText()).includes('Secret'));
    await own.getByRole('button', { name: 'Map', exact: true }).click();

    // Self-rating a resource.
    await nodeFor(page, 'Baking bread at weekends').click();
    await page.getByRole('heading', { name: 'Baking bread at weekends', level: 1 }).waitFor();
    assert.ok(!(await page.locator('main').innerText()).includes('Therapist note'));
    await page.getByLabel('Availability', { exact: true }).fill('9');
    await page.getByLabel('Activation', { exact: true }).fill('6');
    await page.getByRole('button', { name: 'Save rating' }).click();
    await page.getByText('Rating saved: availability 9 of 10, activation 6 of 10.').waitFor();
    await screenshots(page, 'portal-resource');

    // Proposing a new resource.
    await page.getByRole('link', { name: 'Back to my space' }).click();
    await page.getByRole('link', { name: 'Add something you noticed' }).click();
    await page.getByRole('heading', { name: 'Add something you noticed' }).waitFor();
    await page.getByRole('button', { name: 'Add to my map' }).click();
    await page.locator('#propose-title-error').waitFor();
    await page.getByLabel('I noticed I am good at').fill('Making people laugh');
    await page.getByLabel('What kind of thing is it?').selectOption({ label: 'Strengths' });
    await screenshots(page, 'portal-propose');
    await page.getByRole('button', { name: 'Add to my map' }).click();
    await page.getByText(/Thank you\. “Making people laugh” is on your map/).waitFor();
    await nodeFor(page, 'Making people laugh').waitFor();
    assert.match(await nodeLabel(page, 'Making people laugh'), /added by you/);

    // Goals can be rated by the client.
    await page.getByRole('button', { name: 'Rate “Go swimming again”' }).click();
    await page.getByLabel('How far along are you?').fill('4');
    await page.getByRole('button', { name: 'Save rating' }).click();
    await page.getByText('Saved: “Go swimming again”, 4 of 10 along the way.').waitFor();

    // The safety plan (the coping card's successor): one page, phone-friendly, and only the plan when printed.
    await page.getByRole('link', { name: 'Open my safety plan' }).click();
    await page.getByRole('heading', { name: 'My safety plan', level: 1 }).waitFor();
    const card = page.locator('article.splan');
    await card.getByText('Sister Lea').waitFor();
    assert.match(await card.innerText(), /Cold water on the wrists/);
    assert.match(await card.innerText(), /My dog/);
    assert.equal(await card.getByRole('link', { name: /\+49 171 555 0101/ }).getAttribute('href'), 'tel:+491715550101');
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.site-header')).display,
      buttons: [...document.querySelectorAll('main .btn')].every((b) => getComputedStyle(b).display === 'none'),
      card: getComputedStyle(document.querySelector('.splan')).display,
    }));
    assert.deepEqual(printed, { header: 'none', buttons: true, card: 'block' });
    await page.screenshot({ path: new URL('./artifacts/portal-safety-plan-print.png', import.meta.url).pathname, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }

  // The therapist sees the proposal highlighted and confirms it.
  const t = await openBrowser();
  try {
    const { page } = t;
    await login(page, server.url, DEMO.anna);
    await page.goto(`${server.url}${owner}/resources`);
    await page.getByRole('heading', { name: /Proposed by the client \(1\)/ }).waitFor();
    await page.locator('svg.rmap').waitFor();
    await waitForMapIdle(page);
    await screenshots(page, 'resource-map-demo');
    await page.getByRole('button', { name: 'Confirm “Making people laugh”' }).click();
    await page.getByText('“Making people laugh” is confirmed and stays on the map.').waitFor();
    const body = await anna.call('GET', `${owner}/resources?status=proposed`);
    assert.equal(body.items.filter((r) => r.status === 'proposed').length, 0);
  } finally {
    await t.close();
  }
});

test('a therapist creates a family case and gives it a collective resource', async () => {
  const b = await openBrowser();
  try {
    const { page } = b;
    await login(page, server.url, DEMO.anna);
    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New case' }).click();
    await page.getByLabel('Family').check();
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.locator('#case-name-error').waitFor();
    await page.getByLabel('Name of the case').fill('Demir family');
    await page.getByLabel('Mia K.').check();
    await page.getByLabel('Lukas B.').check();
    await screenshots(page, 'case-new');
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByRole('heading', { name: 'Demir family', level: 1 }).waitFor();
    await page.getByText('The case “Demir family” was created.').waitFor();
    const members = await page.locator('.member-list').innerText();
    assert.match(members, /Mia K\./);
    assert.match(members, /Lukas B\./);

    await page.getByRole('link', { name: 'Add collective resource' }).click();
    await page.getByRole('heading', { name: 'New resource' }).waitFor();
    await page.getByLabel('Title').fill('Sunday breakfast together');
    await page.getByLabel('Kind of resource').selectOption({ label: 'Meaning & values' });
    await page.getByRole('button', { name: 'Add resource' }).click();
    await page.getByRole('heading', { name: 'Sunday breakfast together', level: 1 }).waitFor();
    await rate(page, 7, 6);
    await page.getByRole('link', { name: 'Back to the case' }).click();
    await page.getByRole('heading', { name: 'Demir family', level: 1 }).waitFor();
    // The collective map has the one resource; each member's own map stands beside it.
    await page.waitForFunction(
      () => document.querySelectorAll('section[aria-labelledby="case-map-title"] svg.rmap a.rmap__node').length === 1,
    );
    assert.match(await nodeLabel(page, 'Sunday breakfast together'), /availability 7 of 10/);
    const memberMaps = page.locator('section[aria-labelledby="member-maps-title"]');
    await memberMaps.getByRole('heading', { name: 'Mia K.' }).waitFor();
    await memberMaps.getByRole('heading', { name: 'Lukas B.' }).waitFor();
    await memberMaps.locator('a.rmap__node[aria-label^="Sister Lena."]').waitFor();

    // One exercise for the whole family: each member gets their own assignment.
    await page.getByRole('button', { name: 'Assign an exercise to all members' }).click();
    await page.getByLabel('Exercise', { exact: true }).selectOption({ label: 'Three good things' });
    await page.getByRole('button', { name: 'Assign exercise' }).click();
    await page.getByText(/is assigned to each of the 2 members/).waitFor();
    await screenshots(page, 'case-detail');

    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByRole('link', { name: 'Demir family' }).waitFor();
    await screenshots(page, 'cases');
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});
