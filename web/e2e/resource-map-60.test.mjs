// A crowded resource map: 60 resources on one client, spread unevenly over the eight
// categories, must still be readable (nodes inside the picture, no circles on top of each
// other, no labels colliding) at phone and desktop width, and the list view must show all 60.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, VIEWPORTS, apiAs, login, openBrowser, screenshots, startServer } from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

/**
 * The 60 resources: [title, availability, activation] (null = not rated yet), grouped by
 * category. One category is very crowded (20), the others hold 2–10; titles range from a
 * single word to long phrases; several share the same availability so they compete for a row.
 */
const RESOURCES = {
  strength: [
    ['Humour', 9, 8],
    ['Curiosity about people', 9, 6],
    ['Perseverance when things get hard', 8, 7],
    ['Kindness', 8, 9],
    ['Honesty, even when it costs', 8, 4],
    ['Creativity', 7, 3],
    ['Fairness', 7, 7],
    ['Gratitude for small things', 7, 5],
    ['Hope', 6, 2],
    ['Love of learning', 6, 6],
    ['Bravery in new situations', 5, 3],
    ['Forgiveness', 5, 1],
    ['Self-regulation in the evening', 4, 2],
    ['Leadership in the football team', 4, 6],
    ['Prudence with money', 3, 3],
    ['Zest', 2, 1],
    ['Appreciation of beauty and excellence', 2, 0],
    ['Teamwork', null, null],
    ['Spirituality', null, null],
    ['Social intelligence', null, null],
  ],
  skill: [
    ['Good at listening', 9, 9],
    ['Cooking for friends', 8, 6],
    ['Plays the guitar', 6, 2],
    ['Fixing bicycles', 6, 5],
    ['Speaks Turkish and German', 10, 10],
    ['Drawing comics', 4, 1],
    ['Planning the week on Sunday', 3, 2],
    ['Swimming', 5, 4],
    ['Breathing exercise 4-7-8', 7, 3],
    ['Writing things down', null, null],
  ],
  social: [
    ['Sister Lea', 10, 8],
    ['Best friend Tom', 9, 7],
    ['Grandmother', 6, 3],
    ['Neighbour Mrs Okafor', 4, 2],
    ['Football team', 7, 8],
    ['Online chess club', 5, 5],
    ['Former teacher Mr Brandt', 2, 0],
    ['Dog-walking group in the park', null, null],
    ['Cousin Deniz', 8, 4],
  ],
  body: [
    ['Walks with the dog', 8, 7],
    ['Sleeping eight hours', 3, 2],
    ['Cold shower in the morning', 6, 6],
    ['Yoga video', 5, 2],
    ['Cycling to work', 7, 7],
    ['Eating breakfast', 4, 4],
    ['Massage ball', null, null],
  ],
  material: [
    ['Own room with a door that locks', 9, 9],
    ['Savings for emergencies', 5, 2],
    ['Bicycle', 8, 8],
    ['Library card', 6, 1],
    ['Laptop', 7, 6],
  ],
  meaning: [
    ['Volunteering at the food bank', 6, 4],
    ['Faith', 3, 1],
    ['Wanting to be a good uncle', 9, 8],
    ['Nature', null, null],
  ],
  interest: [
    ['Astronomy', 7, 2],
    ['Podcasts about history', 8, 8],
    ['Gardening on the balcony', null, null],
  ],
  success: [
    ['Passed the driving test', 10, 6],
    ['Finished the apprenticeship', 9, 5],
  ],
};
const STABILISING = new Set([
  'Humour',
  'Kindness',
  'Good at listening',
  'Sister Lea',
  'Best friend Tom',
  'Walks with the dog',
  'Own room with a door that locks',
  'Breathing exercise 4-7-8',
  'Cold shower in the morning',
  'Teamwork',
]);

const MAP = 'svg.rmap';
const NODES = `${MAP} a.rmap__node`;

/** A date N days back as RFC 3339, for an older rating under the current one. */
function daysAgo(n) {
  return new Date(Date.now() - n * 24 * 60 * 60 * 1000).toISOString();
}

async function waitForMapIdle(page) {
  await page.waitForFunction(() => !document.querySelector('.mapview[aria-busy="true"]'));
}

/**
 * Everything the readability checks need, in SVG user units (independent of the width the
 * picture is drawn at): the viewBox, each node's dot and rings, and each label's real box.
 */
function measureMap(page) {
  return page.evaluate((selector) => {
    const svg = document.querySelector(selector.map);
    const vb = svg.viewBox.baseVal;
    const num = (el, a) => Number(el.getAttribute(a));
    const circle = (el) => (el ? { x: num(el, 'cx'), y: num(el, 'cy'), r: num(el, 'r') } : null);
    const nodes = [...svg.querySelectorAll('a.rmap__node')].map((a) => {
      const label = a.querySelector('text.rmap__label');
      const b = label ? label.getBBox() : null;
      return {
        name: a.getAttribute('aria-label'),
        dot: circle(a.querySelector('circle.rmap__dot')),
        stable: circle(a.querySelector('circle.rmap__stable')),
        label: label && b.width > 0 ? { text: label.textContent, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height } : null,
      };
    });
    // Sector names run along arcs, so their overall box is far larger than the ink: take each glyph's box.
    const categories = [...svg.querySelectorAll('text.rmap__cat')].flatMap((t) =>
      [...t.textContent].flatMap((ch, i) => {
        if (ch === ' ') return [];
        const b = t.getExtentOfChar(i);
        return [{ text: `${ch} of ${t.textContent}`, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height }];
      }),
    );
    const rect = svg.getBoundingClientRect();
    return {
      viewBox: { x0: vb.x, y0: vb.y, x1: vb.x + vb.width, y1: vb.y + vb.height },
      nodes,
      categories,
      pxPerUnit: rect.width / vb.width,
    };
  }, { map: MAP });
}

const boxesOverlap = (a, b, tol = 0) => a.x0 < b.x1 - tol && b.x0 < a.x1 - tol && a.y0 < b.y1 - tol && b.y0 < a.y1 - tol;

/** Distance from a circle's centre to the nearest point of a box (0 when inside). */
function centreToBox(c, box) {
  const nx = Math.min(box.x1, Math.max(box.x0, c.x));
  const ny = Math.min(box.y1, Math.max(box.y0, c.y));
  return Math.hypot(c.x - nx, c.y - ny);
}

/**
 * Checks the map as drawn and returns the figures for the report. Every problem is
 * collected first, so one failing run shows all of them rather than only the first.
 */
function checkReadable(m, width) {
  const at = `at ${width}px`;
  assert.equal(m.nodes.length, 60, `60 nodes are drawn ${at}`);
  const { viewBox: vb } = m;
  const TOL = 0.5; // user units; about half a pixel at phone width
  const problems = [];
  const expect = (ok, message) => {
    if (!ok) problems.push(message);
  };

  // 1. Every node (dot and stabilising ring, with its stroke) and every label lies inside the viewBox.
  for (const n of m.nodes) {
    assert.ok(n.dot, `${n.name} has a dot`);
    const outer = n.stable ? n.stable.r + 0.8 : n.dot.r + 0.75;
    const { x, y } = n.dot;
    expect(
      x - outer >= vb.x0 && x + outer <= vb.x1 && y - outer >= vb.y0 && y + outer <= vb.y1,
      `${n.name} (${x}, ${y}, r ${outer}) lies outside the viewBox ${JSON.stringify(vb)}`,
    );
    const l = n.label;
    if (l) expect(l.x0 >= vb.x0 && l.x1 <= vb.x1 && l.y0 >= vb.y0 && l.y1 <= vb.y1, `label “${l.text}” lies outside the viewBox`);
  }

  // 2. No two node circles overlap (beyond a rounding tolerance), nor a stabilising ring and another dot.
  let minGap = Infinity;
  let minCentre = Infinity;
  let closest = null;
  for (let i = 0; i < m.nodes.length; i++)
    for (let j = i + 1; j < m.nodes.length; j++) {
      const a = m.nodes[i].dot;
      const b = m.nodes[j].dot;
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      const gap = d - a.r - b.r;
      minCentre = Math.min(minCentre, d);
      if (gap < minGap) {
        minGap = gap;
        closest = [m.nodes[i].name.split('.')[0], m.nodes[j].name.split('.')[0]];
      }
      expect(gap >= -TOL, `${m.nodes[i].name} and ${m.nodes[j].name} overlap by ${(-gap).toFixed(2)}`);
    }
  for (const n of m.nodes) {
    if (!n.stable) continue;
    for (const o of m.nodes) {
      if (o === n) continue;
      const d = Math.hypot(n.stable.x - o.dot.x, n.stable.y - o.dot.y);
      expect(d - n.stable.r - o.dot.r >= -TOL, `the stabilising ring of ${n.name} runs into ${o.name}`);
    }
  }

  // 3. Visible labels, measured as rendered: no two overlap, none covers another node or a category name.
  const labelled = m.nodes.filter((n) => n.label);
  for (let i = 0; i < labelled.length; i++)
    for (let j = i + 1; j < labelled.length; j++) {
      const a = labelled[i].label;
      const b = labelled[j].label;
      expect(!boxesOverlap(a, b), `labels “${a.text}” and “${b.text}” overlap: ${JSON.stringify([a, b])}`);
    }
  for (const n of labelled) {
    for (const o of m.nodes) {
      if (o !== n) expect(centreToBox(o.dot, n.label) >= o.dot.r - TOL, `label “${n.label.text}” covers the node ${o.name}`);
    }
    for (const c of m.categories) expect(!boxesOverlap(n.label, c, TOL), `label “${n.label.text}” runs into the category name “${c.text}”`);
  }
  assert.deepEqual(problems, [], `the map with 60 resources is not readable ${at}`);
  return { minGap: +minGap.toFixed(2), minCentre: +minCentre.toFixed(2), closest, labels: labelled.length };
}

test('the resource map stays readable with 60 resources on one client', async () => {
  // Set-up through the API: a fresh client with 60 resources, most of them rated.
  const { call } = await apiAs(server.url, DEMO.anna);
  const name = `Sami Crowded ${Date.now() % 100000}`;
  const client = await call('POST', '/clients', { display_name: name });
  const owner = `/clients/${encodeURIComponent(client.id)}`;
  let total = 0;
  let rated = 0;
  for (const [category, items] of Object.entries(RESOURCES)) {
    for (const [i, [title, availability, activation]] of items.entries()) {
      const r = await call('POST', `${owner}/resources`, {
        title,
        category,
        stabilising: STABILISING.has(title),
        // A few kept from the client, as in real records.
        visible_to_client: i % 7 !== 3,
      });
      total++;
      if (availability === null) continue;
      // Every third rated resource also has an older rating, so the trend and slider have history.
      if (rated % 3 === 0) {
        await call('POST', `/resources/${r.id}/ratings`, {
          availability: Math.max(0, availability - 3),
          activation: Math.max(0, activation - 2),
          rated_at: daysAgo(21),
        });
      }
      await call('POST', `/resources/${r.id}/ratings`, { availability, activation });
      rated++;
    }
  }
  assert.equal(total, 60);
  const map = await call('GET', `${owner}/resource-map`);
  assert.equal(map.resources.length, 60, 'the server returns all 60 resources on the map');
  assert.equal(map.resources.filter((r) => r.rating).length, rated);

  const b = await openBrowser();
  try {
    const { page } = b;
    await login(page, server.url, DEMO.anna);
    await page.goto(`${server.url}${owner}/resources`);
    await page.getByRole('heading', { name: 'Resource map', level: 1 }).waitFor();
    await page.locator(MAP).waitFor();
    await waitForMapIdle(page);
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 60, NODES);
    assert.equal(await page.locator(NODES).count(), 60);
    assert.equal(await page.locator(`${MAP} .rmap__dot--hollow`).count(), 60 - rated, 'unrated resources are hollow');
    assert.equal(await page.locator(`${MAP} .rmap__stable`).count(), STABILISING.size, 'each stabilising resource has its ring');

    // The pictures first, so that a failing run still leaves them for a person to look at.
    await screenshots(page, 'resource-map-60');
    const figures = {};
    for (const vp of VIEWPORTS) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await page.evaluate(() => document.fonts.ready);
      const m = await measureMap(page);
      figures[vp.width] = { ...checkReadable(m, vp.width), labelPx: +(10.5 * m.pxPerUnit).toFixed(1) };
    }
    // The figures go to the test log, for a person reading the run.
    console.log(`resource map with 60 resources: ${JSON.stringify(figures)}`);

    // The list view shows the same 60 resources as text.
    await page.getByRole('button', { name: 'List', exact: true }).click();
    const list = page.locator('.mapview__list');
    await list.getByRole('heading', { name: /Strengths/ }).waitFor();
    assert.equal(await list.locator('.rlist__item').count(), 60, 'the list shows 60 entries');
    assert.equal(await list.locator('.rlist__item a.rlist__link').count(), 60);
    assert.match(await list.innerText(), /Appreciation of beauty and excellence/);
    assert.equal(await list.getByText('Not rated yet', { exact: true }).count(), 60 - rated);
    assert.deepEqual(b.cspViolations(), []);
  } finally {
    await b.close();
  }
});
