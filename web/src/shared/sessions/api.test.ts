import { describe, expect, it } from 'vitest';
import { HttpClient } from '../../api/http';
import { fakeFetch, json } from '../../test/fixtures';
import { SessionsApi } from './api';

describe('the sessions routes', () => {
  it('asks for the timeline in the reader’s language (a score’s band is the server’s word)', async () => {
    const f = fakeFetch(json(200, { items: [] }), json(200, { items: [] }));
    const api = new SessionsApi(new HttpClient({ fetch: f.fetch }));
    await api.timeline('c1', 'de');
    await api.timeline('c1');
    expect(f.calls.map((c) => c.url)).toEqual(['/api/v1/clients/c1/timeline?lang=de', '/api/v1/clients/c1/timeline?lang=en']);
  });
});
