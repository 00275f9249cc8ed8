import { describe, expect, it } from 'vitest';
import { fallbackCrisis } from '../crisis';
import { PARTS, PLAN_SECTIONS, draftOf, emptyPlan, fieldIdOf, isPlanEmpty, normalisePlan, sectionHasContent, validatePlan } from './plan';
import type { SafetyPlan } from './types';

const crisis = { text: 'Calm words.', contacts: [{ label: 'Emergency services', phone: '112' }] };

function plan(overrides: Partial<SafetyPlan> = {}): SafetyPlan {
  return { ...emptyPlan(crisis), ...overrides };
}

describe('the plan’s order (Stanley & Brown 2012)', () => {
  it('shows the six steps in order, with calming steps before distraction', () => {
    expect(PLAN_SECTIONS.map((s) => s.id)).toEqual(['warning-signs', 'what-i-can-do', 'people', 'professionals', 'making-safe', 'reasons']);
    expect(PLAN_SECTIONS.flatMap((s) => s.parts)).toEqual([
      'warning_signs',
      'calming_steps',
      'places_and_people_for_distraction',
      'people_to_ask',
      'professionals',
      'making_safe',
      'reasons',
    ]);
    expect(PLAN_SECTIONS.map((s) => s.title.client)).toEqual([
      'Signs that a hard time is starting',
      'What I can do',
      'People I can ask',
      'Professionals and crisis numbers',
      'Making my surroundings safe',
      'My reasons',
    ]);
  });

  it('always shows the crisis numbers, even on an empty plan', () => {
    const empty = plan();
    expect(isPlanEmpty(empty)).toBe(true);
    expect(PLAN_SECTIONS.filter((s) => sectionHasContent(empty, s)).map((s) => s.id)).toEqual(['professionals']);
    const some = plan({ calming_steps: ['Breathe out slowly'], reasons: [{ resource_id: 'r1', title: 'My dog' }] });
    expect(isPlanEmpty(some)).toBe(false);
    expect(PLAN_SECTIONS.filter((s) => sectionHasContent(some, s)).map((s) => s.id)).toEqual(['what-i-can-do', 'professionals', 'reasons']);
    // Stabilising resources from the map count as something the client can do.
    expect(sectionHasContent(plan({ stabilising_resources: [{ id: 'r2', title: 'Music' }] }), PLAN_SECTIONS[1]!)).toBe(true);
  });

  it('gives every row a label of its own, and speaks without exclamation marks', () => {
    const items = Object.values(PARTS).map((p) => p.item(1));
    expect(new Set(items).size).toBe(items.length);
    const words = PLAN_SECTIONS.flatMap((s) => [s.title.client, s.title.therapist, s.hint.client, s.hint.therapist]);
    for (const w of words) expect(w).not.toMatch(/!/);
  });
});

describe('validatePlan', () => {
  it('drops blank rows, trims, keeps reasons as words or linked resources', () => {
    const draft = draftOf(
      plan({
        warning_signs: ['  Not sleeping ', ''],
        people_to_ask: [
          { name: ' Lea ', phone: '+49 171 555 0101' },
          { name: '', phone: '' },
        ],
        reasons: ['My brother', { resource_id: 'r1', title: 'Baking bread' }],
      }),
    );
    draft.reasons.push({ kind: 'text', text: '   ' }, { kind: 'resource', resource_id: 'r1', title: 'Baking bread' });
    draft.professionals.push({ name: 'Dr. Weber', phone: '030 123', note: 'Mon–Fri' });
    const r = validatePlan(draft);
    expect(r).toEqual({
      ok: true,
      value: {
        warning_signs: ['Not sleeping'],
        calming_steps: [],
        places_and_people_for_distraction: [],
        people_to_ask: [{ name: 'Lea', phone: '+49 171 555 0101' }],
        professionals: [{ name: 'Dr. Weber', phone: '030 123', note: 'Mon–Fri' }],
        making_safe: [],
        reasons: ['My brother', { resource_id: 'r1' }],
      },
    });
  });

  it('names the field of each mistake', () => {
    const draft = draftOf(plan());
    draft.people_to_ask.push({ name: '', phone: '0171 5', note: '' }, { name: 'Tom', phone: 'call me', note: '' });
    draft.calming_steps = Array.from({ length: 21 }, (_, i) => `Step ${i}`);
    draft.making_safe = ['x'.repeat(301)];
    draft.reasons = Array.from({ length: 11 }, (_, i) => ({ kind: 'text' as const, text: `Reason ${i}` }));
    const r = validatePlan(draft);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['calming_steps', 'making_safe', 'people_to_ask.0.name', 'people_to_ask.1.phone', 'reasons']);
    expect(fieldIdOf('plan', 'people_to_ask.1.phone')).toBe('plan-people_to_ask-1-phone');
  });
});

describe('normalisePlan', () => {
  it('reads a plan from the server or the device, and keeps only what it understands', () => {
    const p = normalisePlan({
      warning_signs: ['a', 3],
      calming_steps: 'nope',
      people_to_ask: [{ name: 'Lea', phone: '1', note: '' }, { phone: '2' }],
      reasons: ['x', { resource_id: 'r1', title: 'Dog' }, { resource_id: 5 }],
      stabilising_resources: [{ id: 'r2', title: 'Music', therapist_note: 'not kept' }],
      crisis,
      updated_at: '2026-12-01T10:00:00Z',
    });
    expect(p).toEqual({
      warning_signs: ['a'],
      calming_steps: [],
      places_and_people_for_distraction: [],
      people_to_ask: [{ name: 'Lea', phone: '1' }],
      professionals: [],
      making_safe: [],
      reasons: ['x', { resource_id: 'r1', title: 'Dog' }],
      stabilising_resources: [{ id: 'r2', title: 'Music' }],
      crisis,
      updated_at: '2026-12-01T10:00:00Z',
    });
  });

  it('falls back to the crisis numbers it is given, and refuses non-plans', () => {
    expect(normalisePlan({ warning_signs: [] }, fallbackCrisis())?.crisis).toEqual(fallbackCrisis());
    expect(normalisePlan({ warning_signs: [] })).toBeNull();
    expect(normalisePlan(null)).toBeNull();
  });
});
