import { describe, expect, it } from 'vitest';
import { TroveApi } from './trove';
import { client, fakeFetch, headerOf, json, user } from '../test/fixtures';

describe('TroveApi', () => {
  it('uses the CSRF token from login on the next state-changing request', async () => {
    const f = fakeFetch(json(200, { user: user(), csrf_token: 'from-login' }), json(201, client()));
    const api = new TroveApi({ fetch: f.fetch });
    await api.login('anna@example.org', 'pw');
    await api.createClient({ display_name: 'Mia K.', birth_year: null, contexts: ['individual'], status: 'active' });
    expect(headerOf(f.calls[1], 'X-CSRF-Token')).toBe('from-login');
  });

  it('uses the CSRF token from /me after a reload', async () => {
    const f = fakeFetch(
      json(200, { user: user(), csrf_token: 'from-me', practice: { id: 'p', name: 'P' } }),
      json(200, client()),
    );
    const api = new TroveApi({ fetch: f.fetch });
    await api.me();
    await api.updateClient('c1', { status: 'paused' });
    expect(f.calls[1]!.init.method).toBe('PATCH');
    expect(headerOf(f.calls[1], 'X-CSRF-Token')).toBe('from-me');
  });

  it('forgets the CSRF token on logout, even when logout fails', async () => {
    const f = fakeFetch(json(200, { user: user(), csrf_token: 't' }), json(500, {}));
    const api = new TroveApi({ fetch: f.fetch });
    await api.login('a', 'b');
    await expect(api.logout()).rejects.toThrow();
    expect(api.http.hasCsrfToken).toBe(false);
  });

  it('omits an unknown birth year when creating, but sends null to clear it when editing', async () => {
    const f = fakeFetch(json(201, client()), json(200, client()));
    const api = new TroveApi({ fetch: f.fetch });
    await api.createClient({ display_name: 'A', birth_year: null, contexts: ['group'], status: 'active' });
    await api.updateClient('c1', { birth_year: null });
    expect(JSON.parse(String(f.calls[0]!.init.body))).toEqual({ display_name: 'A', contexts: ['group'], status: 'active' });
    expect(JSON.parse(String(f.calls[1]!.init.body))).toEqual({ birth_year: null });
  });

  it('passes caseload filters as query parameters and encodes ids in paths', async () => {
    const f = fakeFetch(json(200, { items: [], next_cursor: null }), json(200, client()));
    const api = new TroveApi({ fetch: f.fetch });
    await api.listClients({ status: 'paused', q: '  mia ', cursor: 'abc', limit: 25 });
    await api.getClient('a/b');
    expect(f.calls[0]!.url).toBe('/api/v1/clients?status=paused&q=mia&cursor=abc&limit=25');
    expect(f.calls[1]!.url).toBe('/api/v1/clients/a%2Fb');
  });

  it('follows next_cursor to load every user', async () => {
    const f = fakeFetch(
      json(200, { items: [user({ id: 'a' })], next_cursor: 'n1' }),
      json(200, { items: [user({ id: 'b' })], next_cursor: null }),
    );
    const users = await new TroveApi({ fetch: f.fetch }).listAllUsers();
    expect(users.map((u) => u.id)).toEqual(['a', 'b']);
    expect(f.calls[1]!.url).toContain('cursor=n1');
  });

  it('stops following cursors after a bounded number of pages', async () => {
    const pages = Array.from({ length: 60 }, (_, i) => json(200, { items: [user({ id: `u${i}` })], next_cursor: `c${i}` }));
    const f = fakeFetch(...pages);
    const users = await new TroveApi({ fetch: f.fetch }).listAllUsers();
    expect(users).toHaveLength(50);
  });

  it('asks for questionnaires and one-time links in the reader’s language, and saves the language on the account', async () => {
    const f = fakeFetch(json(200, {}), json(200, {}), json(200, {}), json(200, {}), json(200, { items: [] }), json(200, { items: [] }));
    const api = new TroveApi({ fetch: f.fetch });
    await api.getQuestionnaire('phq9', 'pl');
    await api.openQuestionnaireLink('tok', 'de');
    await api.getQuestionnaire('gad7');
    await api.updateMe({ locale: 'pl' });
    await api.listInstruments('de');
    await api.listInstruments();
    expect(f.calls[0]!.url).toBe('/api/v1/instruments/phq9?lang=pl');
    expect(f.calls[1]!.url).toBe('/api/v1/questionnaire-links/tok?lang=de');
    expect(f.calls[2]!.url).toBe('/api/v1/instruments/gad7?lang=en');
    expect(f.calls[3]!.init.method).toBe('PATCH');
    expect(f.calls[3]!.url).toBe('/api/v1/me');
    expect(f.calls[3]!.init.body).toBe('{"locale":"pl"}');
    // The list's titles, too, come in the reader's language.
    expect(f.calls[4]!.url).toBe('/api/v1/instruments?lang=de');
    expect(f.calls[5]!.url).toBe('/api/v1/instruments?lang=en');
  });

  it('asks for results, charts, alerts and the timeline in the reader’s language (the server’s words about questionnaires)', async () => {
    const f = fakeFetch(...Array.from({ length: 7 }, () => json(200, { items: [] })));
    const api = new TroveApi({ fetch: f.fetch });
    await api.listResponses('c1', 'phq9', 'pl');
    await api.getResponse('r1', 'de');
    await api.measureSeries('c1', 'phq9', 'pl');
    await api.listAlerts(undefined, 'pl');
    await api.submitResponse('c1', { instrument: 'phq9', answers: { '1': 0 } }, 'de');
    await api.updateInstrument('gad7', { enabled: true }, 'pl');
    await api.getResponse('r2');
    expect(f.calls.map((c) => c.url)).toEqual([
      '/api/v1/clients/c1/responses?instrument=phq9&lang=pl',
      '/api/v1/responses/r1?lang=de',
      '/api/v1/clients/c1/measures/phq9?lang=pl',
      '/api/v1/alerts?lang=pl',
      '/api/v1/clients/c1/responses?lang=de',
      '/api/v1/instruments/gad7?lang=pl',
      '/api/v1/responses/r2?lang=en',
    ]);
    expect(f.calls[5]!.init.body).toBe('{"enabled":true}');
  });

  it('asks for the strengths and the resource interview in the reader’s language', async () => {
    const f = fakeFetch(json(200, { items: [] }), json(200, { categories: [] }), json(200, { items: [] }));
    const api = new TroveApi({ fetch: f.fetch });
    await api.listStrengths('de');
    await api.resourceInterview('pl');
    await api.listStrengths();
    expect(f.calls[0]!.url).toBe('/api/v1/strengths?lang=de');
    expect(f.calls[1]!.url).toBe('/api/v1/resource-interview?lang=pl');
    expect(f.calls[2]!.url).toBe('/api/v1/strengths?lang=en');
  });

  it('opens a one-time link in the client’s own language when the page leaves the choice to the server', async () => {
    const f = fakeFetch(json(200, {}), json(200, {}));
    const api = new TroveApi({ fetch: f.fetch });
    await api.openQuestionnaireLink('tok', null);
    await api.openQuestionnaireLink('tok', 'pl');
    expect(f.calls[0]!.url).toBe('/api/v1/questionnaire-links/tok');
    expect(f.calls[1]!.url).toBe('/api/v1/questionnaire-links/tok?lang=pl');
  });
  it('sends the second factor with the sign-in, and nothing extra without one', async () => {
    const f = fakeFetch(
      json(200, { user: user(), csrf_token: 't' }),
      json(200, { user: user(), csrf_token: 't' }),
      json(200, { user: user(), csrf_token: 't' }),
    );
    const api = new TroveApi({ fetch: f.fetch });
    await api.login('a@b.c', 'pw');
    await api.login('a@b.c', 'pw', { totp: '123456' });
    await api.login('a@b.c', 'pw', { recovery_code: 'k7p2-9xq4' });
    expect(f.calls.map((c) => JSON.parse(String(c.init.body)))).toEqual([
      { email: 'a@b.c', password: 'pw' },
      { email: 'a@b.c', password: 'pw', totp: '123456' },
      { email: 'a@b.c', password: 'pw', recovery_code: 'k7p2-9xq4' },
    ]);
  });

  it('calls the account routes of issue 16 with the API’s names', async () => {
    const f = fakeFetch(
      new Response(null, { status: 204 }),
      json(200, { secret: 'JBSWY3DPEHPK3PXP', otpauth_url: 'otpauth://totp/x' }),
      json(200, { recovery_codes: ['a', 'b'] }),
      new Response(null, { status: 204 }),
      new Response(null, { status: 204 }),
      json(200, { items: [{ id: 'k1', name: 'Export', created_at: 'x', last_used_at: null, expires_at: 'y' }], next_cursor: null }),
      json(201, { id: 'k2', name: 'Backup', token: 'secret', created_at: 'x', last_used_at: null, expires_at: 'y' }),
      new Response(null, { status: 204 }),
    );
    const api = new TroveApi({ fetch: f.fetch });
    await api.changePassword('old', 'new one');
    await api.startTotp();
    expect(await api.confirmTotp('123456')).toEqual({ recovery_codes: ['a', 'b'] });
    await api.disableTotp('654321');
    await api.signOutOtherSessions();
    expect((await api.listTokens()).map((t) => t.id)).toEqual(['k1']);
    await api.createToken('Backup', 30);
    await api.revokeToken('k 2');
    expect(f.calls.map((c) => `${c.init.method} ${c.url} ${c.init.body ?? ''}`.trim())).toEqual([
      'POST /api/v1/me/password {"current":"old","new":"new one"}',
      'POST /api/v1/me/totp',
      'POST /api/v1/me/totp/confirm {"code":"123456"}',
      'DELETE /api/v1/me/totp {"code":"654321"}',
      'DELETE /api/v1/me/sessions',
      'GET /api/v1/tokens',
      'POST /api/v1/tokens {"name":"Backup","expires_in_days":30}',
      'DELETE /api/v1/tokens/k%202',
    ]);
  });
});
