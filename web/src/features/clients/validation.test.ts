import { describe, expect, it } from 'vitest';
import { emptyClientForm, validateClient } from './validation';

const now = new Date('2026-06-01T12:00:00Z');
const form = (o: Partial<ReturnType<typeof emptyClientForm>> = {}) => ({ ...emptyClientForm(), display_name: 'Mia K.', ...o });

describe('validateClient', () => {
  it('accepts a valid client and trims the name', () => {
    expect(validateClient(form({ display_name: '  Mia K. ', birth_year: '1994' }), now)).toEqual({
      ok: true,
      value: { display_name: 'Mia K.', birth_year: 1994, contexts: ['individual'], status: 'active' },
    });
  });
  it('treats an empty birth year as unknown', () => {
    const r = validateClient(form({ birth_year: '  ' }), now);
    expect(r.ok && r.value.birth_year).toBeNull();
  });
  it('requires a name of at most 200 characters, counting emoji as one', () => {
    expect(validateClient(form({ display_name: '   ' }), now)).toMatchObject({ ok: false, errors: { display_name: expect.any(String) } });
    expect(validateClient(form({ display_name: 'a'.repeat(201) }), now).ok).toBe(false);
    expect(validateClient(form({ display_name: 'a'.repeat(200) }), now).ok).toBe(true);
    expect(validateClient(form({ display_name: '🌱'.repeat(200) }), now).ok).toBe(true);
  });
  it('limits the birth year to 1900..this year', () => {
    for (const bad of ['1899', '2027', '19x4', '94', '1994.5']) {
      expect(validateClient(form({ birth_year: bad }), now)).toMatchObject({ ok: false, errors: { birth_year: expect.stringContaining('2026') } });
    }
    expect(validateClient(form({ birth_year: '1900' }), now).ok).toBe(true);
    expect(validateClient(form({ birth_year: '2026' }), now).ok).toBe(true);
  });
  it('requires at least one context and sends them in a stable order without duplicates', () => {
    expect(validateClient(form({ contexts: [] }), now)).toMatchObject({ ok: false, errors: { contexts: expect.any(String) } });
    const r = validateClient(form({ contexts: ['group', 'individual', 'group'] }), now);
    expect(r.ok && r.value.contexts).toEqual(['individual', 'group']);
  });
  it('rejects an unknown status', () => {
    expect(validateClient(form({ status: 'archived' as never }), now)).toMatchObject({ ok: false, errors: { status: expect.any(String) } });
  });
  it('reports every problem at once', () => {
    const r = validateClient({ display_name: '', birth_year: '1800', contexts: [], status: 'active' }, now);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['birth_year', 'contexts', 'display_name']);
  });
});
