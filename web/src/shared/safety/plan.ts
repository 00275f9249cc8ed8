import type { Crisis } from '../../api/types';
import { normaliseCrisis } from '../crisis';
import { t, type MessageKey } from '../i18n';
import { charCount, type FieldErrors, type Validated } from '../validation';
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
  /** Read at render time, so they follow the language. */
  title: Record<Voice, string>;
  /** One calm sentence under the title, in the form and on an empty section. */
  hint: Record<Voice, string>;
  parts: readonly PlanPart[];
  /** Professionals and crisis numbers: the practice's crisis contacts are always shown here. */
  crisis?: boolean;
}

/** Words for the client and for the care team, looked up in the catalogue whenever they are read. */
function voiced(base: string): Record<Voice, string> {
  return {
    get client() {
      return t(`${base}.client` as MessageKey);
    },
    get therapist() {
      return t(`${base}.therapist` as MessageKey);
    },
  };
}

function section(id: string, parts: readonly PlanPart[], crisis = false): SectionDef {
  return {
    id,
    title: voiced(`safety.section.${id}`),
    hint: voiced(`safety.section.${id}.hint`),
    parts,
    ...(crisis ? { crisis: true } : {}),
  };
}

/** The six steps in Stanley & Brown's order; "what I can do" holds the two ways of coping alone. */
export const PLAN_SECTIONS: readonly SectionDef[] = [
  section('warning-signs', ['warning_signs']),
  section('what-i-can-do', ['calming_steps', 'places_and_people_for_distraction']),
  section('people', ['people_to_ask']),
  section('professionals', ['professionals'], true),
  section('making-safe', ['making_safe']),
  section('reasons', ['reasons']),
];

export interface PartDef {
  /** The list's own heading (inside a section that has more than one part, or in the form). */
  title: Record<Voice, string>;
  /** One row's label: "Sign 1", "Calming step 2". Unique across the form. */
  item: (n: number) => string;
  /** The button that adds a row. */
  readonly add: string;
  /** The button that removes row n: "Remove sign 1". */
  remove: (n: number) => string;
}

function part(key: PlanPart): PartDef {
  const base = `safety.part.${key}`;
  return {
    title: voiced(base),
    item: (n) => t(`${base}.item` as MessageKey, { n }),
    get add() {
      return t(`${base}.add` as MessageKey);
    },
    remove: (n) => t(`${base}.remove` as MessageKey, { n }),
  };
}

export const PARTS: Record<PlanPart, PartDef> = {
  warning_signs: part('warning_signs'),
  calming_steps: part('calming_steps'),
  places_and_people_for_distraction: part('places_and_people_for_distraction'),
  people_to_ask: part('people_to_ask'),
  professionals: part('professionals'),
  making_safe: part('making_safe'),
  reasons: part('reasons'),
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
    if (clean.length > MAX_LINES) errors[key] = t('safety.check.tooManyLines', { max: MAX_LINES });
    else if (clean.some((s) => charCount(s) > MAX_LINE)) errors[key] = t('safety.check.lineTooLong', { max: MAX_LINE });
    return clean;
  };
  const contacts = (key: ContactKey): PlanContact[] => {
    const clean = draft[key]
      .map((c) => ({ name: c.name.trim(), phone: c.phone.trim(), note: c.note.trim() }))
      .filter((c) => c.name !== '' || c.phone !== '' || c.note !== '');
    clean.forEach((c, i) => {
      if (c.name === '') errors[`${key}.${i}.name`] = t('safety.check.nameMissing');
      else if (charCount(c.name) > MAX_NAME) errors[`${key}.${i}.name`] = t('safety.check.nameTooLong', { max: MAX_NAME });
      if (c.phone !== '' && (!PHONE.test(c.phone) || charCount(c.phone) > MAX_PHONE)) {
        errors[`${key}.${i}.phone`] = t('safety.check.phone');
      }
      if (charCount(c.note) > MAX_LINE) errors[`${key}.${i}.note`] = t('safety.check.noteTooLong', { max: MAX_LINE });
    });
    if (clean.length > MAX_CONTACTS) errors[key] = t('safety.check.tooManyPeople', { max: MAX_CONTACTS });
    return clean.map((c) => (c.note ? c : { name: c.name, phone: c.phone }));
  };
  const reasons: PlanReasonInput[] = [];
  for (const r of draft.reasons) {
    if (r.kind === 'resource') {
      if (!reasons.some((x) => typeof x !== 'string' && x.resource_id === r.resource_id)) reasons.push({ resource_id: r.resource_id });
    } else if (r.text.trim() !== '') reasons.push(r.text.trim());
  }
  if (reasons.length > MAX_REASONS) errors.reasons = t('safety.check.tooManyReasons', { max: MAX_REASONS });
  else if (reasons.some((r) => typeof r === 'string' && charCount(r) > MAX_LINE)) errors.reasons = t('safety.check.reasonTooLong', { max: MAX_LINE });
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
