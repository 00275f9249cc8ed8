import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TroveApi } from '../../api/trove';
import { fakeFetch, headerOf, json, user } from '../../test/fixtures';
import type { Me } from '../../api/types';
import { sessionsApiFor } from '../../shared/sessions/api';
import { addendumError, durationError, emptySessionForm, validateSession } from './validation';
import { canCosign, durationLabel, noteSummary, personLabel, savedAtLabel, sessionStatusLabel } from './wording';

// A zone with daylight saving, so that the weeks with a clock change are really tested (Node
// reads TZ again whenever it is set; it is put back for whatever runs next in this worker).
beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Berlin');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('the new-session form', () => {
  it('names each missing piece in a sentence', () => {
    const r = validateSession({ ...emptySessionForm(''), duration: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual({
        client_id: 'Choose the client this session is with.',
        date: 'Choose the day of the session.',
        time: 'Enter the start time, e.g. 09:00.',
        duration_min: 'Enter how long the session lasts, in minutes.',
      });
    }
    const c = validateSession({ ...emptySessionForm('2026-12-01'), with: 'case', time: '09:00' });
    expect(c.ok || c.errors).toEqual({ case_id: 'Choose the couple, family or group this session is with.' });
  });

  it('checks the length of a session', () => {
    expect(durationError('50')).toBeNull();
    expect(durationError('4')).toMatch(/from 5 to 480/);
    expect(durationError('500')).toMatch(/from 5 to 480/);
    expect(durationError('50.5')).toMatch(/whole number/);
  });

  it('builds the request with the local time in UTC and a default of 50 minutes', () => {
    const r = validateSession({ ...emptySessionForm('2026-12-01', 'c1'), time: '09:00' });
    expect(r).toEqual({ ok: true, value: { client_id: 'c1', starts_at: '2026-12-01T08:00:00.000Z', duration_min: 50, modality: 'in_person' } });
    const c = validateSession({ ...emptySessionForm('2026-12-01', '', 'k1'), time: '17:30', modality: 'video' });
    expect(c.ok && c.value).toEqual({ case_id: 'k1', starts_at: '2026-12-01T16:30:00.000Z', duration_min: 50, modality: 'video' });
  });

  it('explains a time the clocks skip', () => {
    const r = validateSession({ ...emptySessionForm('2026-03-29', 'c1'), time: '02:30' });
    expect(r.ok || r.errors.time).toMatch(/clocks change/);
  });

  it('asks for addendum text', () => {
    expect(addendumError('  ')).toBe('Write the addendum first.');
    expect(addendumError('Correction: it was Tuesday.')).toBeNull();
  });
});

describe('wording', () => {
  const me = (over = {}): Me => ({ user: user(over), csrf_token: 't', practice: { id: 'p', name: 'P' } });

  it('labels statuses, durations and notes', () => {
    expect(sessionStatusLabel('no_show')).toBe('Did not come');
    expect(durationLabel(50)).toBe('50 min');
    expect(durationLabel(90)).toBe('1.5 hours');
    expect(durationLabel(60)).toBe('1 hour');
    expect(noteSummary([])).toEqual({ label: 'No note yet', tone: 'none' });
    expect(noteSummary([{ status: 'signed' }, { status: 'draft' }]).tone).toBe('draft');
    expect(noteSummary([{ status: 'signed' }]).label).toBe('Note signed');
    expect(savedAtLabel(new Date(2026, 11, 1, 10, 42))).toBe('Saved at 10:42');
  });

  it('names people by their relation when no name is known', () => {
    const sup = me({ id: 'clara', role: 'supervisor', supervisee_ids: ['anna'] });
    expect(personLabel('clara', sup)).toBe('you');
    expect(personLabel('anna', sup)).toBe('your supervisee');
    expect(personLabel('anna', sup, 'Anna Berg')).toBe('Anna Berg');
    expect(personLabel('ben', sup)).toBe('a colleague on the care team');
  });

  it('offers co-signing only on someone else’s signed, not yet co-signed note', () => {
    const signed = { status: 'signed' as const, cosigned_at: null, author_id: 'anna', signed_by: 'anna' };
    const sup = me({ id: 'clara', role: 'supervisor', supervisee_ids: ['anna'] });
    expect(canCosign(signed, sup)).toBe(true);
    expect(canCosign({ ...signed, cosigned_at: '2026-12-02T10:00:00Z' }, sup)).toBe(false);
    expect(canCosign({ ...signed, status: 'draft' }, sup)).toBe(false);
    expect(canCosign(signed, me({ id: 'clara', role: 'supervisor', supervisee_ids: [] }))).toBe(false);
    expect(canCosign(signed, me({ id: 'anna' }))).toBe(false);
    expect(canCosign(signed, me({ id: 'ben' }))).toBe(true);
  });
});

describe('SessionsApi', () => {
  it('calls the contract’s paths, with the CSRF token on changes', async () => {
    const f = fakeFetch(
      json(200, { user: user(), csrf_token: 'tok', practice: { id: 'p', name: 'P' } }),
      json(200, { items: [] }),
      json(201, { id: 'n1' }),
      json(200, { id: 'n1' }),
      json(200, { id: 'n1' }),
      json(200, { id: 'n1' }),
    );
    const api = new TroveApi({ fetch: f.fetch });
    await api.me();
    const s = sessionsApiFor(api);
    expect(sessionsApiFor(api)).toBe(s);
    await s.listSessions({ from: '2026-11-29', to: '2026-12-07', client_id: '' });
    await s.createNote('s/1', { template: 'resource', fields: {}, scales: [], resource_ids: [], assignment_ids: [] });
    await s.updateNote('n1', { fields: { coping: 'x' } });
    await s.signNote('n1');
    await s.addAddendum('n1', 'Correction');
    expect(f.calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET /api/v1/me',
      'GET /api/v1/sessions?from=2026-11-29&to=2026-12-07',
      'POST /api/v1/sessions/s%2F1/notes',
      'PATCH /api/v1/notes/n1',
      'POST /api/v1/notes/n1/sign',
      'POST /api/v1/notes/n1/addenda',
    ]);
    expect(headerOf(f.calls[3], 'X-CSRF-Token')).toBe('tok');
    expect(f.calls[5]!.init.body).toBe('{"text":"Correction"}');
  });
});
