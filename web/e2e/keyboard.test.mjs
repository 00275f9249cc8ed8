// Issue 15: three things a client does, done with the keyboard alone — filling in a
// questionnaire, writing a journal entry, rating a resource. On each page every stop of the Tab
// order is checked: the focus can be seen (the focused control looks different from the same
// control unfocused), Tab goes round the whole page and out of it (no trap), Shift+Tab goes back,
// and the controls the task needs are all in the order. Then the task is done with keys only
// (Tab, Space, arrows, typing, Enter) and the server is asked whether it arrived.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, apiAs, clientNamed, serverAndBrowser, signedInSession, visit } from './harness.mjs';

const shared = serverAndBrowser();

/** The focused element: a readable name, whether it was seen before in this tour, and its box. */
async function focused(page, index) {
  return page.evaluate((i) => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const seen = el.__kbIndex;
    if (seen === undefined && i !== null) el.__kbIndex = i;
    const label = el.labels?.[0] ?? null;
    const name = (el.getAttribute('aria-label') || label?.textContent || el.textContent || el.getAttribute('name') || '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 70);
    // A control drawn through its label (a chip around a hidden radio) shows its focus there.
    const boxes = [el.getBoundingClientRect(), ...(label ? [label.getBoundingClientRect()] : [])];
    const box = {
      x0: Math.min(...boxes.map((b) => b.left)),
      y0: Math.min(...boxes.map((b) => b.top)),
      x1: Math.max(...boxes.map((b) => b.right)),
      y1: Math.max(...boxes.map((b) => b.bottom)),
    };
    return { seen: seen ?? null, name: `${el.tagName.toLowerCase()}${el.type ? `[${el.type}]` : ''} “${name}”`, box };
  }, index);
}

/** Whether the focused element looks different with and without focus (its ring, outline, colour). */
async function focusShows(page, box) {
  const vp = page.viewportSize();
  const pad = 8;
  const x = Math.max(0, Math.floor(box.x0 - pad));
  const y = Math.max(0, Math.floor(box.y0 - pad));
  const clip = {
    x,
    y,
    width: Math.max(1, Math.min(vp.width, Math.ceil(box.x1 + pad)) - x),
    height: Math.max(1, Math.min(vp.height, Math.ceil(box.y1 + pad)) - y),
  };
  const shot = () => page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
  const withFocus = await shot();
  await page.evaluate(() => {
    window.__kbFocused = document.activeElement;
    document.activeElement.blur();
  });
  const without = await shot();
  await page.evaluate(() => window.__kbFocused.focus());
  return !withFocus.equals(without);
}

/**
 * Tabs through the whole page from where the focus is: every stop must show its focus, the
 * order must come back round to its start (leaving the page once, to the browser) within
 * `limit` presses, and Shift+Tab must go back one stop. Returns the names of the stops.
 */
async function tour(page, limit = 250) {
  const stops = [];
  const hidden = [];
  let leftPage = 0;
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const f = await focused(page, stops.length);
    if (f === null) {
      leftPage++;
      assert.ok(leftPage <= 1, 'Tab leaves the page at most once per round');
      continue;
    }
    if (f.seen !== null) {
      assert.equal(f.seen, 0, `focus is trapped: Tab went back to ${stops[f.seen]} instead of going on round the page`);
      // Back at the first stop: one more Shift+Tab must reach the end of the round again.
      await page.keyboard.press('Shift+Tab');
      const back = await focused(page, null);
      if (back !== null) assert.equal(back.seen, stops.length - 1, 'Shift+Tab goes back to the last stop');
      if (hidden.length) assert.fail(`the focus cannot be seen on:\n${hidden.join('\n')}`);
      return stops;
    }
    await page.evaluate(() => document.activeElement.scrollIntoView({ block: 'center' }));
    const again = await focused(page, null);
    if (!(await focusShows(page, again.box))) hidden.push(f.name);
    stops.push(f.name);
  }
  assert.fail(`Tab did not come round the page in ${limit} presses (a trap?): ${stops.slice(-8).join(', ')}`);
}

/** Presses Tab until the focused element's name matches, and returns it. */
async function tabTo(page, pattern, limit = 120) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page, null);
    if (f && pattern.test(f.name)) return f.name;
  }
  assert.fail(`${pattern} was not reached with Tab`);
}

function assertReached(stops, patterns) {
  for (const p of patterns) assert.ok(stops.some((s) => p.test(s)), `${p} is in the Tab order:\n${stops.join('\n')}`);
}

async function miaClientId() {
  const anna = await apiAs(shared.server.url, DEMO.anna);
  const mia = await clientNamed(anna, 'Mia K.');
  return { anna, miaId: mia.id };
}

test('a client fills in a questionnaire with the keyboard alone', async () => {
  const { server, chromium } = shared;
  const { anna, miaId } = await miaClientId();
  await anna.call('POST', `/clients/${miaId}/measure-assignments`, { instrument: 'gad7', every_weeks: null });
  const before = (await anna.call('GET', `/clients/${miaId}/responses?instrument=gad7`)).items.length;
  const s = await signedInSession(chromium, server.url, DEMO.mia);
  try {
    await visit(s.page, server.url, '/portal/questionnaires/gad7');
    const stops = await tour(s.page);
    if (process.env.KB_VERBOSE) console.log(stops.join('\n'));
    assertReached(stops, [/input\[radio\]/, /button.*Send/i]);
    // Seven questions, each a radio group: Tab reaches the group, the arrows choose an answer.
    for (let q = 0; q < 7; q++) {
      await tabTo(s.page, /input\[radio\]/);
      await s.page.keyboard.press('ArrowDown'); // "Several days"
      await s.page.keyboard.press('ArrowUp'); // back to "Not at all"…
      await s.page.keyboard.press('ArrowDown'); // …and "Several days" again: 1 point
    }
    await tabTo(s.page, /button.*Send/i);
    await s.page.keyboard.press('Enter');
    await s.page.getByText(/thank you/i).first().waitFor();
    const after = (await anna.call('GET', `/clients/${miaId}/responses?instrument=gad7`)).items;
    assert.equal(after.length, before + 1, 'the answers reached the practice');
    assert.equal(after[0].scores.total.value, 7, 'seven answers of one point each');
    assert.deepEqual(s.cspViolations(), []);
  } finally {
    await s.close();
  }
});

test('a client writes a journal entry with the keyboard alone', async () => {
  const { server, chromium } = shared;
  const s = await signedInSession(chromium, server.url, DEMO.mia, { viewport: { width: 390, height: 844 } });
  const text = `Keyboard only: a walk by the river ${Date.now() % 100000}`;
  try {
    await visit(s.page, server.url, '/portal/journal');
    await s.page.locator('form.jform').waitFor();
    const stops = await tour(s.page);
    if (process.env.KB_VERBOSE) console.log(stops.join('\n'));
    assertReached(stops, [/textarea/, /input\[radio\].*Private/, /button.*Save/]);
    await tabTo(s.page, /textarea/);
    await s.page.keyboard.type(text);
    // The mood: the group is one stop; from nothing chosen, Space picks the first (0), arrows move.
    await tabTo(s.page, /input\[radio\] “0”/);
    await s.page.keyboard.press('Space');
    for (let i = 0; i < 7; i++) await s.page.keyboard.press('ArrowRight');
    await tabTo(s.page, /button.*Save/);
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('list', { name: 'My entries' }).getByText(text).waitFor();
    const mia = await apiAs(server.url, DEMO.mia);
    const entries = (await mia.call('GET', `/clients/${mia.user.client_id}/journal?limit=50`)).items;
    const mine = entries.find((e) => e.text === text);
    assert.ok(mine, 'the entry reached the server');
    assert.equal(mine.mood, 7);
    assert.equal(mine.shared, false, 'private unless the client chose otherwise');
    assert.deepEqual(s.cspViolations(), []);
  } finally {
    await s.close();
  }
});

test('a client rates a resource with the keyboard alone', async () => {
  const { server, chromium } = shared;
  const mia = await apiAs(server.url, DEMO.mia);
  const resources = (await mia.call('GET', `/clients/${mia.user.client_id}/resources`)).items;
  const resource = resources.find((r) => r.title === 'Walks by the river') ?? resources[0];
  const s = await signedInSession(chromium, server.url, DEMO.mia);
  try {
    await visit(s.page, server.url, `/portal/resources/${resource.id}`);
    const stops = await tour(s.page);
    if (process.env.KB_VERBOSE) console.log(stops.join('\n'));
    assertReached(stops, [/input\[range\] “Availability”/, /input\[range\] “Activation”/, /button.*Save rating/]);
    await tabTo(s.page, /input\[range\] “Availability”/);
    await s.page.keyboard.press('End'); // 10
    await s.page.keyboard.press('ArrowLeft'); // 9
    await tabTo(s.page, /input\[range\] “Activation”/);
    await s.page.keyboard.press('Home'); // 0
    for (let i = 0; i < 3; i++) await s.page.keyboard.press('ArrowRight'); // 3
    await tabTo(s.page, /button.*Save rating/);
    await s.page.keyboard.press('Enter');
    await s.page.getByText(/availability 9 of 10, activation 3 of 10/i).first().waitFor();
    const ratings = (await mia.call('GET', `/resources/${resource.id}/ratings`)).items;
    const latest = ratings[ratings.length - 1];
    assert.deepEqual([latest.availability, latest.activation], [9, 3]);
    assert.deepEqual(s.cspViolations(), []);
  } finally {
    await s.close();
  }
});
