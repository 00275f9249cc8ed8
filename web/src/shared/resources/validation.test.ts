import { describe, expect, it } from 'vitest';
import {
  emptyResourceForm,
  forCreate,
  ratedAtFor,
  ratingError,
  titleFromAnswer,
  validateCase,
  validateGoal,
  validateProposal,
  validateResource,
} from './validation';

describe('validateResource', () => {
  it('asks for a title and a category', () => {
    const r = validateResource(emptyResourceForm());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['category', 'title']);
  });

  it('counts characters as a person sees them and names the limit', () => {
    const r = validateResource({ ...emptyResourceForm('body'), title: 'x'.repeat(201) });
    expect(!r.ok && r.errors.title).toMatch(/at most 200 characters \(it is 201\)/);
    const ok = validateResource({ ...emptyResourceForm('body'), title: '🐕'.repeat(200) });
    expect(ok.ok).toBe(true);
  });

  it('rejects a strength code that is not on the list, but not while the list loads', () => {
    const values = { ...emptyResourceForm('strength'), title: 'Kind', strength_code: 'nope' };
    expect(validateResource(values, ['kindness']).ok).toBe(false);
    expect(validateResource(values, []).ok).toBe(true);
  });

  it('trims text, turns "no strength" into null, and drops empty optional text on create', () => {
    const r = validateResource({ ...emptyResourceForm('skill'), title: '  Cooking ', evidence: ' ', strength_code: '' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.title).toBe('Cooking');
    expect(r.value.strength_code).toBeNull();
    expect(forCreate(r.value)).toEqual({
      title: 'Cooking',
      category: 'skill',
      source: 'therapist',
      stabilising: false,
      visible_to_client: true,
    });
  });
});

describe('validateProposal', () => {
  it('sends only title, category and a description if there is one', () => {
    const r = validateProposal({ title: ' Listening ', category: 'skill', description: '' });
    expect(r).toEqual({ ok: true, value: { title: 'Listening', category: 'skill' } });
  });
  it('explains what is missing in the client’s words', () => {
    const r = validateProposal({ title: '', category: '', description: '' });
    expect(!r.ok && r.errors.title).toMatch(/what you noticed/);
    expect(!r.ok && r.errors.category).toMatch(/kind/);
  });
});

describe('ratings', () => {
  it('accepts whole numbers from 0 to 10', () => {
    expect(ratingError(0, 'availability')).toBeNull();
    expect(ratingError(10, 'availability')).toBeNull();
    expect(ratingError(11, 'availability')).toMatch(/0 to 10/);
    expect(ratingError(2.5, 'activation')).toMatch(/^Activation/);
  });

  it('reads the optional rating date: empty or today is now, the past is noon that day, the future is refused', () => {
    const now = new Date(2026, 4, 11, 9, 0);
    expect(ratedAtFor('', now)).toEqual({ ok: true, value: undefined });
    expect(ratedAtFor('2026-05-11', now)).toEqual({ ok: true, value: undefined });
    expect(ratedAtFor('2026-04-01', now)).toEqual({ ok: true, value: new Date(2026, 3, 1, 12).toISOString() });
    expect(ratedAtFor('2026-05-12', now)).toMatchObject({ ok: false });
    expect(ratedAtFor('2026-02-30', now)).toMatchObject({ ok: false });
    expect(ratedAtFor('yesterday', now)).toMatchObject({ ok: false });
  });
});

describe('validateGoal', () => {
  it('needs a title and a known status and removes duplicate links', () => {
    expect(validateGoal({ title: '', description: '', status: 'active', resource_ids: [] }).ok).toBe(false);
    expect(validateGoal({ title: 'x', description: '', status: 'done', resource_ids: [] }).ok).toBe(false);
    const r = validateGoal({ title: 'Sleep', description: '', status: 'active', resource_ids: ['a', 'a', 'b'] });
    expect(r.ok && r.value.resource_ids).toEqual(['a', 'b']);
  });
});

describe('validateCase', () => {
  it('needs exactly two members for a couple and at least two otherwise', () => {
    expect(validateCase({ kind: 'couple', name: 'S & T', member_ids: ['a', 'b', 'c'] })).toMatchObject({
      ok: false,
      errors: { member_ids: expect.stringMatching(/exactly 2/) },
    });
    expect(validateCase({ kind: 'family', name: 'D', member_ids: ['a'] })).toMatchObject({ ok: false });
    expect(validateCase({ kind: 'group', name: 'W', member_ids: ['a', 'b', 'c'] }).ok).toBe(true);
    expect(validateCase({ kind: '', name: '', member_ids: ['a', 'b'] })).toMatchObject({
      ok: false,
      errors: { kind: expect.any(String), name: expect.any(String) },
    });
  });
});

describe('titleFromAnswer', () => {
  it('uses a short answer as it is and shortens a long one at a word, keeping it as the description', () => {
    expect(titleFromAnswer('  My sister  Lea ')).toEqual({ title: 'My sister Lea' });
    const long = 'When I go running early in the morning along the river I feel that I can cope with almost anything that the day brings';
    const t = titleFromAnswer(long);
    expect(t.title.endsWith('…')).toBe(true);
    expect([...t.title].length).toBeLessThanOrEqual(80);
    expect(t.title).not.toMatch(/\s…$/);
    expect(t.description).toBe(long);
  });
});
