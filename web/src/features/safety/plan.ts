import type { Crisis } from '../../api/types';
import { normaliseCrisis } from '../../shared/crisis';
import { charCount, type FieldErrors, type Validated } from '../../shared/validation';
import type { PlanContact, PlanReason, PlanReasonInput, SafetyPlan, SafetyPlanInput } from './types';

/**
 * The safety plan (Stanley & Brown 2012) as pure data and words: the order of its sections,
 * what each one is called for the client and for the care team, the form's draft, and the
 * checks that mirror the API before a save. Tested in plan.test.ts.
 */

export type Voice = 'client' | 'therapist';
export type ListKey = 'warning_signs' | 'calming_steps' | 'places_and_people_for_distraction' | 'making_safe';
export type ContactKey = 'people_to_ask' | 'professionals';
export type PlanPart = ListKey | ContactKey | 'reasons';

export const MAX_LINES = 20;
export const MAX_LINE = 300;
export const MAX_CONTACTS = 10;
export const MAX_NAME = 100;
export const MAX_PHONE = 40;
export const MAX_REASONS = 10;

export interface SectionDef {
  /** Used in element ids. */
  id: string;
  title: Record<Voice, string>;
  /** One calm sentence under the title, in the form and on an empty section. */
  hint: Record<Voice, string>;
  parts: readonly PlanPart[];
  /** Professionals and crisis numbers: the practice's crisis contacts are always shown here. */
  crisis?: boolean;
}

/** The six steps in Stanley & Brown's order; "what I can do" holds the two ways of coping alone. */
export const PLAN_SECTIONS: readonly SectionDef[] = [
  {
    id: 'warning-signs',
    title: { client: 'Signs that a hard time is starting', therapist: 'Warning signs' },
    hint: {
      client: 'Thoughts, feelings, situations or things I do that tell me a hard time may be coming.',
      therapist: 'Thoughts, feelings, situations or behaviour that tell the client a crisis may be building.',
    },
    parts: ['warning_signs'],
  },
  {
    id: 'what-i-can-do',
    title: { client: 'What I can do', therapist: 'What the client can do' },
    hint: {
      client: 'Things that have helped me before, on my own or out and about.',
      therapist: 'Coping on one’s own first: calming steps, then places and people that take the mind off things.',
    },
    parts: ['calming_steps', 'places_and_people_for_distraction'],
  },
  {
    id: 'people',
    title: { client: 'People I can ask', therapist: 'People the client can ask' },
    hint: {
      client: 'People I can tell that I am not doing well, and ask for help.',
      therapist: 'Family and friends the client can ask for help and tell about the plan.',
    },
    parts: ['people_to_ask'],
  },
  {
    id: 'professionals',
    title: { client: 'Professionals and crisis numbers', therapist: 'Professionals and crisis numbers' },
    hint: {
      client: 'My therapist, doctor or clinic, and the numbers I can call at any time.',
      therapist: 'The care team, doctors and services; the practice’s crisis numbers are always shown.',
    },
    parts: ['professionals'],
    crisis: true,
  },
  {
    id: 'making-safe',
    title: { client: 'Making my surroundings safe', therapist: 'Making the surroundings safe' },
    hint: {
      client: 'What I (or someone I trust) can put away or change so a hard moment stays safer.',
      therapist: 'Agreed steps to keep means out of reach in a crisis.',
    },
    parts: ['making_safe'],
  },
  {
    id: 'reasons',
    title: { client: 'My reasons', therapist: 'Reasons for living' },
    hint: {
      client: 'What matters to me and is worth getting through a hard time for. Things from my resource map can go here too.',
      therapist: 'What matters to the client; resources from their map can be linked.',
    },
    parts: ['reasons'],
  },
];

export interface PartDef {
  /** The list's own heading (inside a section that has more than one part, or in the form). */
  title: Record<Voice, string>;
  /** One row's label: "Sign 1", "Calming step 2". Unique across the form. */
  item: string;
  add: string;
}

export const PARTS: Record<PlanPart, PartDef> = {
  warning_signs: { title: { client: 'Signs I notice', therapist: 'Warning signs' }, item: 'Sign', add: 'Add a sign' },
  calming_steps: {
    title: { client: 'Things that calm me, on my own', therapist: 'Calming steps on one’s own' },
    item: 'Calming step',
    add: 'Add a calming step',
  },
  places_and_people_for_distraction: {
    title: { client: 'Places and people that take my mind off things', therapist: 'Places and people for distraction' },
    item: 'Place or person',
    add: 'Add a place or person',
  },
  people_to_ask: { title: { client: 'People I can ask', therapist: 'People the client can ask' }, item: 'Person', add: 'Add a person' },
  professionals: { title: { client: 'Professionals', therapist: 'Professionals and services' }, item: 'Professional', add: 'Add a professional' },
  making_safe: {
    title: { client: 'Making my surroundings safe', therapist: 'Making the surroundings safe' },
    item: 'Safety step',
    add: 'Add a safety step',
  },
  reasons: { title: { client: 'My reasons', therapist: 'Reasons for living' }, item: 'Reason', add: 'Add a reason in my own words' },
};

export const LIST_KEYS: readonly ListKey[] = ['warning_signs', 'calming_steps', 'places_and_people_for_distraction', 'making_safe'];
export const CONTACT_KEYS: readonly ContactKey[] = ['people_to_ask', 'professionals'];

export function emptyPlan(crisis: Crisis): SafetyPlan {
  return {
    warning_signs: [],
    calming_steps: [],
    places_and_people_for_distraction: [],
    people_to_ask: [],
    professionals: [],
    making_safe: [],
    reasons: [],
    stabilising_resources: [],
    crisis,
    updated_at: null,
  };
}

/** True when nothing is written yet (stabilising resources come from the map, not the plan). */
export function isPlanEmpty(plan: SafetyPlan): boolean {
  return LIST_KEYS.every((k) => plan[k].length === 0) && CONTACT_KEYS.every((k) => plan[k].length === 0) && plan.reasons.length === 0;
}

/** A section has something to show: crisis numbers always; the rest when one of its lists has rows. */
export function sectionHasContent(plan: SafetyPlan, section: SectionDef): boolean {
  if (section.crisis) return true;
  if (section.id === 'what-i-can-do' && plan.stabilising_resources.length > 0) return true;
  return section.parts.some((p) => (plan[p] as unknown[]).length > 0);
}

export function reasonText(r: PlanReason): string {
  return typeof r === 'string' ? r : r.title;
}

// ---- The form ----

export interface ContactDraft {
  name: string;
  phone: string;
  note: string;
}

export type ReasonDraft = { kind: 'text'; text: string } | { kind: 'resource'; resource_id: string; title: string };

export interface PlanDraft {
  warning_signs: string[];
  calming_steps: string[];
  places_and_people_for_distraction: string[];
  people_to_ask: ContactDraft[];
  professionals: ContactDraft[];
  making_safe: string[];
  reasons: ReasonDraft[];
}

export function draftOf(plan: SafetyPlan): PlanDraft {
  const contacts = (list: PlanContact[]) => list.map((c) => ({ name: c.name ?? '', phone: c.phone ?? '', note: c.note ?? '' }));
  return {
    warning_signs: [...plan.warning_signs],
    calming_steps: [...plan.calming_steps],
    places_and_people_for_distraction: [...plan.places_and_people_for_distraction],
    people_to_ask: contacts(plan.people_to_ask),
    professionals: contacts(plan.professionals),
    making_safe: [...plan.making_safe],
    reasons: plan.reasons.map((r) =>
      typeof r === 'string' ? { kind: 'text', text: r } : { kind: 'resource', resource_id: r.resource_id, title: r.title },
    ),
  };
}

const PHONE = /^[+\d(][\d\s()./+-]{1,39}$/;

/**
 * Cleans the form before a save: blank rows are dropped (an empty "add" row is not a mistake),
 * then the API's limits are checked. Errors are keyed like `people_to_ask.2.name` or `reasons`.
 */
export function validatePlan(draft: PlanDraft): Validated<SafetyPlanInput> {
  const errors: FieldErrors = {};
  const lines = (key: ListKey): string[] => {
    const clean = draft[key].map((s) => s.trim()).filter((s) => s !== '');
    if (clean.length > MAX_LINES) errors[key] = `At most ${MAX_LINES} entries, please.`;
    else if (clean.some((s) => charCount(s) > MAX_LINE)) errors[key] = `Each entry can be at most ${MAX_LINE} characters.`;
    return clean;
  };
  const contacts = (key: ContactKey): PlanContact[] => {
    const clean = draft[key]
      .map((c) => ({ name: c.name.trim(), phone: c.phone.trim(), note: c.note.trim() }))
      .filter((c) => c.name !== '' || c.phone !== '' || c.note !== '');
    clean.forEach((c, i) => {
      if (c.name === '') errors[`${key}.${i}.name`] = 'Please add a name.';
      else if (charCount(c.name) > MAX_NAME) errors[`${key}.${i}.name`] = `A name can be at most ${MAX_NAME} characters.`;
      if (c.phone !== '' && (!PHONE.test(c.phone) || charCount(c.phone) > MAX_PHONE)) {
        errors[`${key}.${i}.phone`] = 'This does not look like a phone number. Use digits, spaces, + and -.';
      }
      if (charCount(c.note) > MAX_LINE) errors[`${key}.${i}.note`] = `A note can be at most ${MAX_LINE} characters.`;
    });
    if (clean.length > MAX_CONTACTS) errors[key] = `At most ${MAX_CONTACTS} people, please.`;
    return clean.map((c) => (c.note ? c : { name: c.name, phone: c.phone }));
  };
  const reasons: PlanReasonInput[] = [];
  for (const r of draft.reasons) {
    if (r.kind === 'resource') {
      if (!reasons.some((x) => typeof x !== 'string' && x.resource_id === r.resource_id)) reasons.push({ resource_id: r.resource_id });
    } else if (r.text.trim() !== '') reasons.push(r.text.trim());
  }
  if (reasons.length > MAX_REASONS) errors.reasons = `At most ${MAX_REASONS} reasons, please.`;
  else if (reasons.some((r) => typeof r === 'string' && charCount(r) > MAX_LINE)) errors.reasons = `Each reason can be at most ${MAX_LINE} characters.`;
  const value: SafetyPlanInput = {
    warning_signs: lines('warning_signs'),
    calming_steps: lines('calming_steps'),
    places_and_people_for_distraction: lines('places_and_people_for_distraction'),
    people_to_ask: contacts('people_to_ask'),
    professionals: contacts('professionals'),
    making_safe: lines('making_safe'),
    reasons,
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value };
}

/** The id of the form field an error key points at: `people_to_ask.2.name` → `plan-people_to_ask-2-name`. */
export function fieldIdOf(form: string, key: string): string {
  return `${form}-${key.replace(/\./g, '-')}`;
}

// ---- Reading a plan kept on the device ----

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

function contactsOf(v: unknown): PlanContact[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((c): c is Record<string, unknown> => !!c && typeof c === 'object' && typeof (c as { name?: unknown }).name === 'string')
    .map((c) => {
      const out: PlanContact = { name: c.name as string, phone: typeof c.phone === 'string' ? c.phone : '' };
      if (typeof c.note === 'string' && c.note !== '') out.note = c.note;
      return out;
    });
}

/** A plan from the server or from this device's storage, or null when it is not one. */
export function normalisePlan(value: unknown, fallbackCrisis: Crisis | null = null): SafetyPlan | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const crisis = normaliseCrisis(v.crisis) ?? fallbackCrisis;
  if (!crisis) return null;
  const reasons: PlanReason[] = [];
  if (Array.isArray(v.reasons)) {
    for (const r of v.reasons) {
      if (typeof r === 'string') reasons.push(r);
      else if (r && typeof r === 'object' && typeof (r as { resource_id?: unknown }).resource_id === 'string') {
        const title = (r as { title?: unknown }).title;
        reasons.push({ resource_id: (r as { resource_id: string }).resource_id, title: typeof title === 'string' ? title : '' });
      }
    }
  }
  const stabilising = Array.isArray(v.stabilising_resources)
    ? v.stabilising_resources
        .filter((r): r is { id: string; title: string } => !!r && typeof r === 'object' && typeof r.id === 'string' && typeof r.title === 'string')
        .map((r) => ({ id: r.id, title: r.title }))
    : [];
  return {
    warning_signs: strings(v.warning_signs),
    calming_steps: strings(v.calming_steps),
    places_and_people_for_distraction: strings(v.places_and_people_for_distraction),
    people_to_ask: contactsOf(v.people_to_ask),
    professionals: contactsOf(v.professionals),
    making_safe: strings(v.making_safe),
    reasons,
    stabilising_resources: stabilising,
    crisis,
    updated_at: typeof v.updated_at === 'string' ? v.updated_at : null,
  };
}
