// Issue 15: every page, for every role, in every language, at a phone's and a desktop's width:
// axe-core finds no violation of the WCAG 2.0/2.1 A and AA rules (wcag21a included, so
// 2.5.3 Label in Name is checked), `<html lang>` names the language shown, every chart has its
// numbers as a table or list, nothing moves for a person who asked for reduced motion, and at
// 200 % zoom on a 1280 px window (640 CSS px) nothing needs sideways scrolling.
//
// Lean on purpose (CI runs the suite on two cores): one chromium, one sign-in per person, each
// page loaded once per language and then resized, axe asked for violations only. Every problem
// on every page is collected before the test fails, so one run shows all that is left to fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, accessibilityProblems, apiAs, clientNamed, serverAndBrowser, signedInSession, visit } from './harness.mjs';

const LANGUAGES = ['en', 'pl', 'de'];
const WIDTHS = [390, 1280];
/** 200 % zoom of a 1280 px window: the page has 640 CSS pixels. */
const ZOOMED_WIDTH = 640;

const shared = serverAndBrowser();

/** The demo's ids the page list needs, read through the API as the therapist. */
async function demoIds() {
  const anna = await apiAs(shared.server.url, DEMO.anna);
  const mia = await clientNamed(anna, 'Mia K.');
  const resources = (await anna.call('GET', `/clients/${mia.id}/resources`)).items;
  const cases = (await anna.call('GET', '/cases')).items;
  const group = cases[0];
  assert.ok(group, 'the demo has a case');
  const caseResources = (await anna.call('GET', `/cases/${group.id}/resources`)).items;
  const sessions = (await anna.call('GET', `/sessions?client_id=${mia.id}`)).items;
  const signed = sessions.find((s) => s.notes.some((n) => n.status === 'signed'));
  const open = sessions.find((s) => s.status !== 'attended' || s.notes.length === 0) ?? sessions[sessions.length - 1];
  const exercises = (await anna.call('GET', '/exercises')).items;
  // A questionnaire assigned once with a one-time link: due in Mia's portal and openable by link.
  const assignment = await anna.call('POST', `/clients/${mia.id}/measure-assignments`, {
    instrument: 'phq9',
    every_weeks: null,
    link: true,
  });
  return {
    mia: mia.id,
    resource: resources[0].id,
    caseId: group.id,
    caseResource: caseResources[0]?.id ?? null,
    signedSession: signed.id,
    openSession: open.id,
    exercise: exercises[0].id,
    token: assignment.link.token,
  };
}

function pagesFor(ids) {
  const c = `/clients/${ids.mia}`;
  const readable = [
    '/clients',
    c,
    `${c}/resources`,
    `${c}/resources/${ids.resource}`,
    `${c}/goals`,
    `${c}/balance`,
    `${c}/safety-plan`,
    `${c}/questionnaires`,
    `${c}/questionnaires/swls`,
    `${c}/journal`,
    `${c}/sessions`,
    '/schedule',
    `/sessions/${ids.signedSession}`,
    '/cases',
    `/cases/${ids.caseId}`,
    ...(ids.caseResource ? [`/cases/${ids.caseId}/resources/${ids.caseResource}`] : []),
    '/exercises',
    `/exercises/${ids.exercise}`,
  ];
  return {
    therapist: [
      ...readable,
      '/clients/new',
      `${c}/edit`,
      `${c}/resources/new`,
      `${c}/interview`,
      `${c}/questionnaires/fill/phq9`,
      `/sessions/${ids.openSession}`,
      `/cases/${ids.caseId}/resources/new`,
      '/account',
    ],
    supervisor: [...readable, '/account'],
    admin: ['/admin/users', '/admin/audit', '/admin/instruments', '/admin/journal', '/admin/safety', '/account'],
    client: [
      '/account',
      '/portal',
      '/portal/resources/new',
      `/portal/resources/${ids.resource}`,
      '/portal/safety-plan',
      '/portal/questionnaires/phq9',
      '/portal/journal',
      '/portal/instruments',
      '/portal/exercises',
      `/portal/exercises/${ids.exercise}`,
    ],
  };
}

/** Changes the signed-in person's language; false while the server does not know languages yet. */
async function chooseLanguage(page, lang) {
  const answer = await page.evaluate(async (locale) => {
    const me = await (await fetch('/api/v1/me')).json();
    if (!me.user || !('locale' in me.user)) return 'unsupported';
    const res = await fetch('/api/v1/me', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
      body: JSON.stringify({ locale }),
    });
    return res.ok ? 'ok' : `PATCH /api/v1/me answered ${res.status}`;
  }, lang);
  if (answer === 'unsupported') return false;
  assert.equal(answer, 'ok', `switching to ${lang}`);
  return true;
}

/**
 * Checks the page that is open at both widths and at 200 % zoom; returns readable problems. It
 * starts at the width the page is open at and leaves it at the other, so each page costs two
 * resizes. What does not change with the language (charts' tables, motion) is checked once.
 */
async function checkOpenPage(page, label, lang, { structure = true } = {}) {
  const problems = [];
  const htmlLang = await page.evaluate(() => document.documentElement.lang);
  if (htmlLang !== lang) problems.push(`${label}: <html lang="${htmlLang}">, expected "${lang}"`);
  const first = page.viewportSize()?.width === WIDTHS[0] ? WIDTHS[0] : WIDTHS[1];
  const second = first === WIDTHS[0] ? WIDTHS[1] : WIDTHS[0];
  await page.setViewportSize({ width: first, height: 800 });
  for (const v of await accessibilityProblems(page)) problems.push(`${label} at ${first}px: ${v}`);
  await page.setViewportSize({ width: ZOOMED_WIDTH, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) problems.push(`${label}: scrolls sideways by ${overflow}px at 200 % zoom (${ZOOMED_WIDTH} CSS px)`);
  await page.setViewportSize({ width: second, height: 800 });
  for (const v of await accessibilityProblems(page)) problems.push(`${label} at ${second}px: ${v}`);
  if (!structure) return problems;
  // Every chart has its numbers as a table or list beside it (the resource map: a List view).
  const bare = await page.evaluate(() =>
    [...document.querySelectorAll('svg[role="img"], svg.rmap')]
      .filter((svg) => {
        if (svg.classList.contains('rmap')) return svg.closest('.mapview')?.querySelectorAll('.segmented button[aria-pressed]').length !== 2;
        const home = svg.closest('.scale-trend, figure, section');
        return !home?.querySelector('table, ol, ul:not(.legend)');
      })
      .map((svg) => (svg.getAttribute('aria-label') ?? svg.getAttribute('class') ?? 'svg').slice(0, 60)),
  );
  // The people are checked with prefers-reduced-motion: reduce, so nothing may move.
  const moving = await page.evaluate(() => {
    if (!matchMedia('(prefers-reduced-motion: reduce)').matches) return [];
    const seconds = (list) => Math.max(...list.split(',').map((v) => parseFloat(v) / (v.trim().endsWith('ms') ? 1000 : 1)));
    const found = [];
    for (const el of document.querySelectorAll('*')) {
      const cs = getComputedStyle(el);
      const animated = cs.animationName !== 'none' && seconds(cs.animationDuration) > 0.001;
      if (animated || seconds(cs.transitionDuration) > 0.001 || cs.scrollBehavior === 'smooth') found.push(`${el.tagName.toLowerCase()}.${el.classList[0] ?? ''}`);
    }
    return [...new Set(found)].slice(0, 6);
  });
  if (moving.length) problems.push(`${label}: moves although the person asked for reduced motion: ${moving.join(', ')}`);
  for (const chart of bare) problems.push(`${label}: the chart “${chart}…” has no table or list of its numbers`);
  return problems;
}

async function walk(page, paths, role, languages, structure = true) {
  const problems = [];
  for (const lang of languages) {
    for (const p of paths) {
      const label = `[${role} ${lang}] ${p}`;
      const t0 = Date.now();
      let landed;
      try {
        landed = await visit(page, shared.server.url, p);
        if (process.env.A11Y_TIMING) console.log(`visit ${Date.now() - t0} ${label}`);
      } catch (e) {
        problems.push(`${label}: ${e.message}`);
        continue;
      }
      if (landed !== p.split('?')[0]) problems.push(`${label}: was sent to ${landed}`);
      const t2 = Date.now();
      problems.push(...(await checkOpenPage(page, label, lang, { structure })));
      if (process.env.A11Y_TIMING) console.log(`check ${Date.now() - t2}`);
    }
  }
  return problems;
}

test('every page for every role: no WCAG 2.1 A/AA violation at 390 and 1280 px in every language, no sideways scrolling at 200 % zoom', async (t) => {
  const { server, chromium } = shared;
  const ids = await demoIds();
  const pages = pagesFor(ids);
  const people = [
    ['therapist', DEMO.anna],
    ['supervisor', DEMO.clara],
    ['admin', DEMO.admin],
    ['client', DEMO.mia],
  ];
  const problems = [];
  // Whether the server keeps a language per account (PATCH /api/v1/me {locale}); until it does,
  // the pages are checked in English only and the test says so.
  const probe = await signedInSession(chromium, server.url, DEMO.admin);
  const languages = (await chooseLanguage(probe.page, 'en')) ? LANGUAGES : ['en'];
  await probe.close();
  if (languages.length === 1) t.diagnostic('PATCH /api/v1/me {locale} is not there yet: pages checked in English only');

  const checkPerson = async ([role, email]) => {
    const s = await signedInSession(chromium, server.url, email, { reducedMotion: 'reduce' });
    try {
      for (const lang of languages) {
        if (languages.length > 1) await chooseLanguage(s.page, lang);
        problems.push(...(await walk(s.page, pages[role], role, [lang], lang === languages[0])));
      }
      if (languages.length > 1) await chooseLanguage(s.page, 'en');
      const csp = s.cspViolations();
      if (csp.length) problems.push(`[${role}] Content-Security-Policy: ${csp.join('; ')}`);
    } finally {
      await s.close();
    }
  };
  // Two people at a time: CI has two cores, and the pages wait on the server as much as on axe.
  const queue = [...people];
  await Promise.all([0, 1].map(async () => {
    while (queue.length) await checkPerson(queue.shift());
  }));

  // Before anyone is known the browser's language decides: the sign-in page, an invitation
  // and a one-time questionnaire link, once per language.
  for (const lang of languages) {
    const s = await chromium.session({ locale: lang === 'en' ? 'en-GB' : lang });
    try {
      for (const p of ['/login', '/invite?token=not-a-real-token', `/q/${ids.token}`]) {
        const label = `[visitor ${lang}] ${p.split('?')[0]}`;
        await visit(s.page, server.url, p);
        // The link follows the client's language, not the visitor's browser.
        const expected = p.startsWith('/q/') ? await s.page.evaluate(() => document.documentElement.lang) : lang;
        problems.push(...(await checkOpenPage(s.page, label, expected)));
      }
    } finally {
      await s.close();
    }
  }

  assert.deepEqual(problems, [], `${problems.length} accessibility problems:\n${problems.join('\n')}`);
});
