// Shared set-up for the browser tests: starts the real `trove serve` on a free port with
// demo data and a fresh database, and drives Debian's chromium through playwright-core.
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { mkdtempSync, mkdirSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_DIR = path.resolve(here, '..');
// TROVE_WEB_DIST lets a developer test a build kept apart from web/dist (e.g. `vite build --outDir`).
export const DIST_DIR = process.env.TROVE_WEB_DIST ? path.resolve(process.env.TROVE_WEB_DIST) : path.join(WEB_DIR, 'dist');
export const ARTIFACTS = path.join(here, 'artifacts');
export const PASSWORD = 'demo-password-2026';
export const DEMO = {
  admin: 'admin@demo.trove',
  anna: 'anna@demo.trove',
  ben: 'ben@demo.trove',
  clara: 'clara@demo.trove',
  mia: 'mia@demo.trove',
  jonas: 'jonas@demo.trove',
};
export const VIEWPORTS = [
  { name: 'mobile', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function troveBin() {
  if (process.env.TROVE_BIN) return path.resolve(WEB_DIR, process.env.TROVE_BIN);
  // The release build is the default; a developer who only built debug or asan still gets a run.
  const candidates = ['release', 'debug', 'asan'].map((b) => path.resolve(WEB_DIR, `../build/${b}/trove`));
  return candidates.find((c) => existsSync(c)) ?? candidates[0];
}

/**
 * A TCP port free on 127.0.0.1 right now, for a test that must know the port before the server
 * starts (its --public-url names it).
 */
export async function freePort() {
  const probe = createServer();
  await new Promise((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Starts `trove serve --demo` and resolves once it prints the port it listens on. `port` (default
 * 0: the server picks one) and `extraArgs` (e.g. `['--public-url', 'http://localhost:PORT']`) are
 * for tests that need them; without options every test gets what it always got.
 */
export async function startServer({ port = 0, extraArgs = [] } = {}) {
  const bin = troveBin();
  if (!existsSync(bin)) throw new Error(`Trove binary not found at ${bin}; build it (make) or set TROVE_BIN`);
  if (!existsSync(path.join(DIST_DIR, 'index.html'))) throw new Error('web/dist is missing; run `npm run build` first');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'trove-e2e-db-'));
  const child = spawn(
    bin,
    ['serve', '--listen', `127.0.0.1:${port}`, '--db', path.join(dataDir, 'trove.db'), '--demo', '--web-root', DIST_DIR, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not report its port within 30 s:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk.toString();
      const m = /Trove listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Watches a page: console errors (so tests can assert that nothing broke, in particular no
 * Content-Security-Policy violation), the API calls it makes and how many are still running.
 */
function watch(page) {
  const problems = [];
  const apiCalls = [];
  const pending = new Set();
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (u.pathname.startsWith('/api/')) {
      apiCalls.push(`${req.method()} ${u.pathname}`);
      pending.add(req);
    }
  });
  page.on('requestfinished', (req) => pending.delete(req));
  page.on('requestfailed', (req) => pending.delete(req));
  inFlight.set(page, pending);
  return {
    problems,
    apiCalls,
    /** Errors other than expected failed API answers (401 on first load, 4xx in negative tests). */
    cspViolations: () => problems.filter((p) => /Content Security Policy|Refused to/i.test(p)),
  };
}

const inFlight = new WeakMap();

/** A fresh browser profile (so no cookies leak between roles). */
export async function openBrowser() {
  const profile = mkdtempSync(path.join(tmpdir(), 'trove-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    ...watch(page),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * One chromium for a whole test file; `session()` gives each person their own context (own
 * cookies, own storage), which is far cheaper than a browser each. `locale` sets the browser's
 * language (navigator.language and Accept-Language); `reducedMotion: 'reduce'` asks for stillness.
 */
export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  return {
    browser,
    async session({ locale = 'en-GB', viewport = { width: 1280, height: 800 }, reducedMotion = 'no-preference' } = {}) {
      const context = await browser.newContext({ locale, viewport, reducedMotion });
      const page = await context.newPage();
      return { context, page, ...watch(page), close: () => context.close() };
    },
    close: () => browser.close(),
  };
}

/**
 * For a test file that walks pages as several people: one server and one chromium for the whole
 * file, started before its first test and stopped after its last. Returns a holder whose
 * `server` and `chromium` are set once the file's tests run.
 */
export function serverAndBrowser() {
  const shared = { server: null, chromium: null };
  before(async () => {
    shared.server = await startServer();
    shared.chromium = await launchBrowser();
  });
  after(async () => {
    await shared.chromium?.close();
    await shared.server?.stop();
  });
  return shared;
}

/** A fresh context of `chromium` (see launchBrowser's options), signed in as `email`. */
export async function signedInSession(chromium, baseUrl, email, options = {}) {
  const s = await chromium.session(options);
  try {
    await login(s.page, baseUrl, email);
  } catch (e) {
    await s.close();
    throw e;
  }
  return s;
}

/** Opens `path` and waits until the page has settled; returns the path it landed on. */
export async function visit(page, baseUrl, path) {
  await page.goto(`${baseUrl}${path}`);
  await settle(page);
  return new URL(page.url()).pathname;
}

/** A client of the demo by display name, read through the API as `api` (from apiAs). */
export async function clientNamed(api, name) {
  const list = await api.call('GET', `/clients?q=${encodeURIComponent(name)}&limit=200`);
  const found = list.items.find((c) => c.display_name === name);
  assert.ok(found, `${name} is on the caseload`);
  return found;
}

/**
 * Waits until the page has its heading, no API request is running and nothing says it is
 * loading, for `quietMs` in a row (a page often asks a second question after the first answer).
 */
export async function settle(page, { quietMs = 150, timeoutMs = 20_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  await page.locator('h1').first().waitFor({ timeout: timeoutMs });
  let calmSince = null;
  for (;;) {
    const busy =
      (inFlight.get(page)?.size ?? 0) > 0 ||
      (await page.evaluate(() => document.querySelector('.loading, [aria-busy="true"]') !== null));
    if (busy) calmSince = null;
    else if (calmSince === null) calmSince = Date.now();
    else if (Date.now() - calmSince >= quietMs) break;
    if (Date.now() > deadline) throw new Error(`${page.url()} did not settle within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await page.evaluate(() => document.fonts.ready);
}

export async function login(page, baseUrl, email, password = PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  // Exact: "Sign in with a passkey" is a button on the same page.
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/**
 * Saves the current page at both widths (a person looks at the pictures) and checks, at each
 * width, that nothing scrolls sideways and that axe finds no WCAG A/AA problem.
 */
export async function screenshots(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const original = page.viewportSize();
  for (const vp of VIEWPORTS) {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    // Fonts and layout settle after a resize; wait for fonts so screenshots are stable.
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${vp.width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) throw new Error(`${name} scrolls sideways by ${overflow}px at ${vp.width}px wide`);
    const a11y = await accessibilityProblems(page);
    if (a11y.length) throw new Error(`${name} at ${vp.width}px has accessibility problems:\n${a11y.join('\n')}`);
  }
  if (original) await page.setViewportSize(original);
}

/** Signs in over plain HTTP and returns the names on that person's caseload, for negative checks. */
export async function caseloadNames(baseUrl, email) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login as ${email} failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const names = [];
  let cursor = null;
  do {
    const q = new URLSearchParams({ limit: '200' });
    if (cursor) q.set('cursor', cursor);
    const list = await fetch(`${baseUrl}/api/v1/clients?${q}`, { headers: { Cookie: cookie } });
    if (!list.ok) throw new Error(`listing clients as ${email} failed: ${list.status}`);
    const body = await list.json();
    names.push(...body.items.map((c) => c.display_name));
    cursor = body.next_cursor;
  } while (cursor);
  return names;
}

const require = createRequire(import.meta.url);
/** The WCAG 2.0 and 2.1 rules at levels A and AA; every page must pass all of them. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core's WCAG 2 A/AA rules on the current page and returns readable violations.
 * Evaluated through the DevTools protocol, so the page's CSP (which forbids injected
 * scripts) does not apply and nothing is loosened for the test.
 */
export async function accessibilityProblems(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    // wcag21a holds WCAG 2.1's level-A rules, among them 2.5.3 Label in Name
    // (label-content-name-mismatch): a control's visible words must be part of its name.
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} (${v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1).join(' ').trim()}` : ''}`).join('; ')})`,
    );
  }, AXE_TAGS);
  return violations;
}

/**
 * Signs in over plain HTTP and returns `{ user, call }`: `call(method, path, body)` talks to
 * `/api/v1` with the session cookie and CSRF token, for setting up and checking data without the UI.
 */
export async function apiAs(baseUrl, email, password = PASSWORD) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login as ${email} failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { user, csrf_token: csrf } = await res.json();
  const call = async (method, path, body) => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path} answered ${r.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return { user, call };
}
