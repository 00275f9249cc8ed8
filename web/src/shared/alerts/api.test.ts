import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { TroveApi } from '../../api/trove';
import { fakeFetch, json } from '../../test/fixtures';

describe('the safety routes', () => {
  it('sends the action with an acknowledgement, per alert and per response', async () => {
    const f = fakeFetch(json(200, { id: 'a1' }), json(200, { id: 'r1' }));
    const api = new TroveApi({ fetch: f.fetch });
    await api.acknowledgeAlert('a1', { action: 'contacted_client', note: 'Called, she is safe.' });
    await api.acknowledgeAlerts('r1', { action: 'discussed_in_session' });
    expect(f.calls[0]!.url).toBe('/api/v1/alerts/a1/ack?lang=en');
    expect(JSON.parse(String(f.calls[0]!.init.body))).toEqual({ action: 'contacted_client', note: 'Called, she is safe.' });
    expect(f.calls[1]!.url).toBe('/api/v1/responses/r1/alerts/ack?lang=en');
    expect(JSON.parse(String(f.calls[1]!.init.body))).toEqual({ action: 'discussed_in_session' });
  });

  it('asks for open alerts by default and for reviewed ones on request', async () => {
    const f = fakeFetch(json(200, { items: [], escalated_count: 0 }), json(200, { items: [] }));
    const api = new TroveApi({ fetch: f.fetch });
    await api.listAlerts();
    await api.listAlerts('acknowledged');
    expect(f.calls.map((c) => c.url)).toEqual(['/api/v1/alerts?lang=en', '/api/v1/alerts?status=acknowledged&lang=en']);
  });

  it('keeps the counts of a 409 has_caseload for the handover sentence', async () => {
    const f = fakeFetch(
      json(409, { error: { code: 'has_caseload', message: 'Anna Berg still has clients.', clients: 8, cases: 1, open_alerts: 1 } }),
    );
    const api = new TroveApi({ fetch: f.fetch });
    const err = await api.updateUser('u1', { active: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('has_caseload');
    expect((err as ApiError).details).toMatchObject({ clients: 8, cases: 1, open_alerts: 1 });
  });
});
