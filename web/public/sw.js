// Trove's service worker: keeps the app shell (HTML, scripts, styles, fonts) so the portal opens
// without a connection. It never touches the API, FHIR or calendar feeds: those are personal data and
// must always come from the server (or fail), never from a cache on the device. The one deliberate
// exception, the signed-in client's safety plan and crisis numbers, is kept by the app itself
// (src/features/safety/offline.ts) and removed at sign-out, not by this worker.
const CACHE = 'trove-shell-v1';
const SHELL = ['/', '/favicon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('trove-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function bypass(url) {
  return (
    url.origin !== self.location.origin ||
    url.pathname.startsWith('/api/') ||
    url.pathname.startsWith('/fhir/') ||
    url.pathname.startsWith('/calendar/') ||
    url.pathname === '/healthz' ||
    url.pathname === '/readyz' ||
    url.pathname === '/sw.js'
  );
}

async function fromNetworkThenCache(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(key, response.clone());
    return response;
  } catch (err) {
    const cached = (await cache.match(key)) || (await cache.match('/'));
    if (cached) return cached;
    throw err;
  }
}

async function fromCacheThenNetwork(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (bypass(url)) return;
  if (request.mode === 'navigate') {
    // Network first, so a new version is picked up at once; every page is the same SPA shell,
    // so it is kept under one key and served for any path when offline.
    event.respondWith(fromNetworkThenCache(request, '/'));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Built files have a content hash in their name: a cached copy is never out of date.
    event.respondWith(fromCacheThenNetwork(request));
    return;
  }
  // Anything else is cached only if it is part of the shell: a file the server makes per person
  // (a report, an export) must never stay on the device.
  if (SHELL.includes(url.pathname)) event.respondWith(fromNetworkThenCache(request, request));
});
