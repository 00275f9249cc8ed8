import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { DEMO, apiAs, login, openBrowser, screenshots, startServer } from './harness.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const PHONE = { width: 390, height: 844 };

test('between sessions: assign, write offline on a phone, share or keep private, calendar feed', async () => {
  const mia = await apiAs(server.url, DEMO.mia);
  const clientId = mia.user.client_id;
  assert.ok(clientId, 'Mia’s login belongs to a client record');
  const stamp = Date.now() % 100000;
  const sharedText = `Coffee with Lena and we laughed a lot ${stamp}`;
  const privateText = `Just for me: I was proud of myself ${stamp}`;

  const therapist = await openBrowser();
  const phone = await openBrowser();
  try {
    // (a) Anna assigns "Three good things", every day, from the client's record.
    const t = therapist.page;
    await login(t, server.url, DEMO.anna);
    await t.goto(`${server.url}/clients/${encodeURIComponent(clientId)}`);
    await t.getByRole('heading', { name: 'Mia K.', level: 1 }).waitFor();
    await t.getByRole('heading', { name: 'Between sessions' }).waitFor();
    await t.getByRole('link', { name: 'Exercises, mood and journal' }).click();
    await t.getByRole('heading', { name: 'Between sessions', level: 1 }).waitFor();
    await t.getByRole('button', { name: 'Assign an exercise' }).click();
    await t.getByLabel('Exercise', { exact: true }).selectOption({ label: 'Three good things' });
    await t.getByLabel('How often').selectOption({ label: 'Every day' });
    await t.getByLabel('A note for the client').fill('Three small things each evening are plenty.');
    await t.getByRole('button', { name: 'Assign exercise' }).click();
    await t.getByText('“Three good things” is assigned: every day.').waitFor();
    const row = t.locator('.jassignment', { hasText: 'Three good things' });
    await row.waitFor();
    assert.match(await row.innerText(), /Every day/);
    assert.match(await row.innerText(), /Pause/);

    // (b) Mia on her phone: it is due today; she goes offline and writes a shared entry.
    const p = phone.page;
    await p.setViewportSize(PHONE);
    await login(p, server.url, DEMO.mia);
    const today = p.locator('section.jtoday');
    await today.getByText('Three good things', { exact: true }).waitFor();
    assert.match(await today.innerText(), /Three small things each evening are plenty\./);
    await screenshots(p, 'portal-today');

    await phone.context.setOffline(true);
    await today.getByRole('link', { name: /^Write about it\W+Three good things$/ }).click();
    await p.getByRole('heading', { name: 'My journal', level: 1 }).waitFor();
    await p.getByText('You are offline.', { exact: false }).waitFor();
    const form = p.locator('form.jform').first();
    await form.getByText('Exercise: Three good things').waitFor();
    assert.ok(await form.getByRole('radio', { name: 'Went well' }).isChecked(), 'the kind follows the exercise');
    await form.getByLabel(/What went well/).fill(sharedText);
    await form.getByRole('radio', { name: '8' }).check();
    await form.getByRole('radio', { name: /Your therapist can read this/ }).check();
    const moodBox = await form.locator('.jmood__option').first().boundingBox();
    assert.ok(moodBox && moodBox.height >= 44, 'mood buttons are large tap targets');
    await form.getByRole('button', { name: 'Save entry' }).click();
    await p.getByText('Saved on this phone. It will be sent as soon as you are online again.').waitFor();
    const waiting = p.getByRole('list', { name: 'Waiting to send' });
    await waiting.getByText(sharedText).waitFor();
    await waiting.getByText('Waiting to send').waitFor();
    await screenshots(p, 'journal-offline');

    // Opened again with no connection (say the browser was closed on the train): the service
    // worker serves the app, the phone remembers who was signed in, the entry is still waiting.
    await p.reload();
    await p.getByRole('heading', { name: 'My journal', level: 1 }).waitFor();
    await waiting.getByText(sharedText).waitFor();

    // Back online: the queue empties by itself and the entry is in the list.
    await phone.context.setOffline(false);
    await waiting.waitFor({ state: 'detached', timeout: 15_000 });
    await p.getByRole('list', { name: 'My entries' }).getByText(sharedText).waitFor();
    await p.reload();
    await p.getByRole('heading', { name: 'My journal', level: 1 }).waitFor();
    await p.getByRole('list', { name: 'My entries' }).getByText(sharedText).waitFor();
    assert.equal(await p.getByText(sharedText).count(), 1, 'the entry is listed exactly once after a reload');
    assert.equal(await p.getByRole('list', { name: 'Waiting to send' }).count(), 0);
    const stored = await mia.call('GET', `/clients/${clientId}/journal?q=${encodeURIComponent(sharedText)}`);
    assert.equal(stored.items.length, 1, 'the server stored the entry once');
    assert.equal(stored.items[0].shared, true);
    assert.equal(stored.items[0].kind, 'success');
    assert.equal(stored.items[0].mood, 8);
    assert.ok(stored.items[0].assignment_id, 'the entry belongs to the assignment');

    // (c) A private entry: Mia sees it, Anna does not.
    const fresh = p.locator('form.jform').first();
    await fresh.getByRole('radio', { name: 'Anything' }).check();
    await fresh.getByLabel('Whatever you would like to keep.').fill(privateText);
    await fresh.getByRole('radio', { name: /Only you can see this/ }).check();
    await fresh.getByRole('button', { name: 'Save entry' }).click();
    await p.getByText('Saved. Only you can see it.').waitFor();
    await p.getByRole('list', { name: 'My entries' }).getByText(privateText).waitFor();
    await screenshots(p, 'journal');

    // The exercise library and one exercise, as the client reads it.
    await p.goto(`${server.url}/portal/exercises`);
    await p.getByRole('heading', { name: 'Exercises', level: 1 }).waitFor();
    await p.getByRole('link', { name: 'Three good things' }).click();
    await p.getByRole('heading', { name: 'Three good things', level: 1 }).waitFor();
    await p.getByRole('heading', { name: 'The research' }).waitFor();
    await p.getByRole('heading', { name: 'How to do it' }).waitFor();
    await screenshots(p, 'portal-exercise');

    // With the practice's consent setting on, the care team sees the days of private entries, never their words.
    const admin = await apiAs(server.url, DEMO.admin);
    await admin.call('PATCH', '/journal-settings', { show_private_dates: true });
    await t.reload();
    await t.getByRole('heading', { name: 'Shared journal entries' }).waitFor();
    await t.getByText('Private entries on:').waitFor();
    const timeline = t.getByRole('list', { name: 'Shared entries, newest first' });
    await timeline.getByText(sharedText).waitFor();
    assert.doesNotMatch(await t.locator('main').innerText(), new RegExp(privateText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(await t.locator('.jassignment', { hasText: 'Three good things' }).innerText(), /done today/);
    await t.locator('svg.jmood-chart__svg').waitFor();
    await screenshots(t, 'between-sessions');

    // Mia turns her success into evidence for a resource, changes the private entry, then deletes it.
    await p.goto(`${server.url}/portal/journal`);
    const mine = p.getByRole('list', { name: 'My entries' });
    const success = mine.locator('article.jentry', { hasText: sharedText });
    await success.getByRole('button', { name: 'Add to a resource as evidence' }).click();
    await success.getByText('they become visible on your resource map', { exact: false }).waitFor();
    await success.getByRole('radio', { name: 'Sister Lena' }).check();
    await success.getByRole('button', { name: 'Add as evidence' }).click();
    await success.getByText('Added to “Sister Lena”.', { exact: false }).waitFor();
    const lena = (await mia.call('GET', `/clients/${clientId}/resources`)).items.find((r) => r.title === 'Sister Lena');
    assert.ok(lena.evidence.includes(sharedText), 'the entry’s words are on the resource');

    const secret = mine.locator('article.jentry', { hasText: privateText });
    await secret.getByRole('button', { name: 'Edit' }).click();
    const editing = mine.locator('.jentry--editing');
    await editing.getByLabel('Whatever you would like to keep.').fill(`${privateText} (changed)`);
    await editing.getByRole('button', { name: 'Save changes' }).click();
    const changed = mine.locator('article.jentry', { hasText: `${privateText} (changed)` });
    await changed.getByText('Your changes are saved.').waitFor();
    await changed.getByRole('button', { name: 'Delete' }).click();
    await changed.getByText('Delete this entry? It cannot be brought back.').waitFor();
    await changed.getByRole('button', { name: 'Delete entry' }).click();
    await p.getByText('The entry is deleted.').waitFor();
    await mine.getByText(privateText).waitFor({ state: 'detached' });

    // (d) The calendar feed: made on the phone, read by a calendar parser, then stopped.
    await p.goto(`${server.url}/portal`);
    const cal = p.locator('section.jcalendar');
    await cal.getByRole('button', { name: 'Add to my phone’s calendar' }).click();
    const urlInput = cal.getByLabel('My calendar link');
    await urlInput.waitFor();
    const feedUrl = await urlInput.inputValue();
    assert.match(feedUrl, /\/calendar\/[^/]+\.ics$/);
    assert.equal(await cal.getByRole('link', { name: 'Open in my calendar app' }).getAttribute('href'), feedUrl.replace(/^https?:/, 'webcal:'));
    await cal.getByRole('button', { name: 'Copy link' }).waitFor();
    await screenshots(p, 'portal-calendar');

    const ics = await fetch(feedUrl);
    assert.equal(ics.status, 200);
    assert.match(ics.headers.get('content-type'), /text\/calendar/);
    const vcalendar = new ICAL.Component(ICAL.parse(await ics.text()));
    const events = vcalendar.getAllSubcomponents('vevent');
    const tgt = events.find((e) => e.getFirstPropertyValue('summary') === 'Three good things');
    assert.ok(tgt, `a VEVENT for Three good things among ${events.map((e) => e.getFirstPropertyValue('summary')).join(', ')}`);
    const rrule = tgt.getFirstPropertyValue('rrule');
    assert.equal(rrule.freq, 'DAILY');
    for (const e of events) assert.doesNotMatch(e.toString(), new RegExp(stamp.toString()), 'no journal text in the calendar');

    // Back later: the secret is not shown again, but the card knows a link is working.
    await p.reload();
    await cal.getByText(/A calendar link made on .+ is working\./).waitFor();
    await cal.getByRole('button', { name: 'Stop the calendar link' }).click();
    await cal.getByText('The calendar link is stopped.', { exact: false }).waitFor();
    assert.equal((await fetch(feedUrl)).status, 404);
    assert.equal(await cal.getByRole('button', { name: 'Stop the calendar link' }).count(), 0, 'nothing left to stop');

    // The service worker keeps the app shell (and nothing from the API), so the page opens offline.
    await p.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
    const cached = await p.evaluate(async () => {
      const cache = await caches.open('trove-shell-v1');
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    assert.ok(cached.includes('/'), `the shell is cached: ${cached.join(', ')}`);
    assert.ok(cached.some((u) => u.startsWith('/assets/')), 'the built scripts and styles are cached');
    assert.ok(!cached.some((u) => u.startsWith('/api/') || u.startsWith('/calendar/')), 'no personal data is cached');
    await phone.context.setOffline(true);
    await p.goto(`${server.url}/portal/journal`);
    await p.locator('#app').waitFor();
    assert.match(await p.title(), /Trove/);
    await phone.context.setOffline(false);

    // The therapist's exercise library.
    await t.getByRole('link', { name: 'Exercises', exact: true }).click();
    await t.getByRole('heading', { name: 'Exercise library', level: 1 }).waitFor();
    await t.getByRole('button', { name: 'Add a practice exercise' }).click();
    await t.getByLabel('Name').waitFor();
    await screenshots(t, 'exercise-library-form');

    assert.deepEqual(therapist.cspViolations(), []);
    assert.deepEqual(phone.cspViolations(), []);
  } finally {
    await therapist.close();
    await phone.close();
  }
});
