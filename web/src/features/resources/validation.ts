import {
  CASE_KINDS,
  GOAL_STATUSES,
  PROBLEM_STATUSES,
  RESOURCE_CATEGORIES,
  RESOURCE_SOURCES,
  type CaseInput,
  type CaseKind,
  type GoalInput,
  type GoalStatus,
  type ProblemInput,
  type ProblemStatus,
  type Resource,
  type ResourceCategory,
  type ResourceInput,
  type ResourceSource,
} from '../../api/types';
import { charCount, type FieldErrors, type Validated } from '../../shared/validation';

/** Limits from docs/api.md; the server stays the judge, these only save a round trip. */
export const MAX_TITLE = 200;
export const MAX_TEXT = 4000;

function tooLong(label: string, value: string, max: number): string | null {
  const n = charCount(value);
  return n > max ? `${label} can be at most ${max} characters (it is ${n}).` : null;
}

function titleError(title: string, what: string): string | null {
  if (title.trim() === '') return `Please give the ${what} a short title.`;
  return tooLong('The title', title.trim(), MAX_TITLE);
}

export interface ResourceFormValues {
  title: string;
  description: string;
  category: ResourceCategory | '';
  source: ResourceSource;
  strength_code: string;
  stabilising: boolean;
  evidence: string;
  visible_to_client: boolean;
  therapist_note: string;
}

export function emptyResourceForm(category: ResourceCategory | '' = ''): ResourceFormValues {
  return {
    title: '',
    description: '',
    category,
    source: 'therapist',
    strength_code: '',
    stabilising: false,
    evidence: '',
    visible_to_client: true,
    therapist_note: '',
  };
}

export function resourceFormValues(r: Resource): ResourceFormValues {
  return {
    title: r.title,
    description: r.description ?? '',
    category: r.category,
    source: r.source,
    strength_code: r.strength_code ?? '',
    stabilising: r.stabilising,
    evidence: r.evidence ?? '',
    visible_to_client: r.visible_to_client,
    therapist_note: r.therapist_note ?? '',
  };
}

/**
 * Checks a therapist's resource form. `strengthCodes` is the list from /strengths (empty while
 * it loads: then any code is let through to the server). The result carries every field, so it
 * serves both POST and PATCH; an empty strength code becomes null.
 */
export function validateResource(values: ResourceFormValues, strengthCodes: readonly string[] = []): Validated<ResourceInput> {
  const errors: FieldErrors = {};
  const title = titleError(values.title, 'resource');
  if (title) errors.title = title;
  if (!RESOURCE_CATEGORIES.includes(values.category as ResourceCategory)) errors.category = 'Choose where this resource belongs.';
  if (!RESOURCE_SOURCES.includes(values.source)) errors.source = 'Choose who found this resource.';
  if (values.strength_code !== '' && strengthCodes.length > 0 && !strengthCodes.includes(values.strength_code)) {
    errors.strength_code = 'Choose one of the listed strengths, or none.';
  }
  for (const [key, label] of [
    ['description', 'The description'],
    ['evidence', 'This answer'],
    ['therapist_note', 'The note'],
  ] as const) {
    const problem = tooLong(label, values[key].trim(), MAX_TEXT);
    if (problem) errors[key] = problem;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title: values.title.trim(),
      category: values.category as ResourceCategory,
      description: values.description.trim(),
      source: values.source,
      strength_code: values.strength_code === '' ? null : values.strength_code,
      stabilising: values.stabilising,
      evidence: values.evidence.trim(),
      visible_to_client: values.visible_to_client,
      therapist_note: values.therapist_note.trim(),
    },
  };
}

/** What a POST needs: empty optional text is left out rather than sent as "". */
export function forCreate(input: ResourceInput): ResourceInput {
  const out: ResourceInput = { ...input };
  for (const key of ['description', 'evidence', 'therapist_note'] as const) if (out[key] === '') delete out[key];
  if (out.strength_code === null) delete out.strength_code;
  return out;
}

export interface ProposalValues {
  title: string;
  category: ResourceCategory | '';
  description: string;
}

/** A client's proposal: only what the portal asks for. */
export function validateProposal(values: ProposalValues): Validated<ResourceInput> {
  const errors: FieldErrors = {};
  if (values.title.trim() === '') errors.title = 'Please write what you noticed, in a few words.';
  else {
    const long = tooLong('This', values.title.trim(), MAX_TITLE);
    if (long) errors.title = long;
  }
  if (!RESOURCE_CATEGORIES.includes(values.category as ResourceCategory)) errors.category = 'Choose the kind that fits best.';
  const desc = tooLong('The description', values.description.trim(), MAX_TEXT);
  if (desc) errors.description = desc;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const input: ResourceInput = { title: values.title.trim(), category: values.category as ResourceCategory };
  if (values.description.trim() !== '') input.description = values.description.trim();
  return { ok: true, value: input };
}

/** A 0–10 whole number, as the range inputs give it. */
export function ratingError(value: number, label: string): string | null {
  if (!Number.isInteger(value) || value < 0 || value > 10) return `${label} must be a whole number from 0 to 10.`;
  return null;
}

/**
 * "When was this rated?" is optional; a date in the past becomes that day at noon (UTC-safe
 * for every time zone a practice is in), today or empty means "now".
 */
export function ratedAtFor(date: string, now: Date = new Date()): { ok: true; value: string | undefined } | { ok: false; error: string } {
  const d = date.trim();
  if (d === '') return { ok: true, value: undefined };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return { ok: false, error: 'Please enter a date such as 2026-03-14, or leave it empty for now.' };
  const at = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12, 0, 0);
  if (Number.isNaN(at.getTime()) || at.getDate() !== Number(m[3])) return { ok: false, error: 'This date does not exist. Please check it.' };
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const day = new Date(at.getFullYear(), at.getMonth(), at.getDate());
  if (day.getTime() > today.getTime()) return { ok: false, error: 'A rating cannot be in the future.' };
  if (day.getTime() === today.getTime()) return { ok: true, value: undefined };
  return { ok: true, value: at.toISOString() };
}

export interface GoalFormValues {
  title: string;
  description: string;
  status: string;
  resource_ids: string[];
}

export function validateGoal(values: GoalFormValues): Validated<GoalInput> {
  const errors: FieldErrors = {};
  const title = titleError(values.title, 'goal');
  if (title) errors.title = title;
  const desc = tooLong('The description', values.description.trim(), MAX_TEXT);
  if (desc) errors.description = desc;
  if (!GOAL_STATUSES.includes(values.status as GoalStatus)) errors.status = 'Choose a status.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title: values.title.trim(),
      description: values.description.trim(),
      status: values.status as GoalStatus,
      resource_ids: [...new Set(values.resource_ids)],
    },
  };
}

export function validateProblem(values: Omit<GoalFormValues, 'resource_ids'>): Validated<ProblemInput> {
  const errors: FieldErrors = {};
  const title = titleError(values.title, 'problem');
  if (title) errors.title = title;
  const desc = tooLong('The description', values.description.trim(), MAX_TEXT);
  if (desc) errors.description = desc;
  if (!PROBLEM_STATUSES.includes(values.status as ProblemStatus)) errors.status = 'Choose a status.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { title: values.title.trim(), description: values.description.trim(), status: values.status as ProblemStatus } };
}

export interface CaseFormValues {
  kind: CaseKind | '';
  name: string;
  member_ids: string[];
}

export function validateCase(values: CaseFormValues): Validated<CaseInput> {
  const errors: FieldErrors = {};
  if (!CASE_KINDS.includes(values.kind as CaseKind)) errors.kind = 'Choose whether this is a couple, a family or a group.';
  if (values.name.trim() === '') errors.name = 'Please give the case a name.';
  else {
    const long = tooLong('The name', values.name.trim(), MAX_TITLE);
    if (long) errors.name = long;
  }
  const members = [...new Set(values.member_ids)];
  if (values.kind === 'couple' && members.length !== 2) errors.member_ids = `A couple has exactly 2 members; ${members.length} are chosen.`;
  else if (members.length < 2) errors.member_ids = 'Choose at least 2 clients from your caseload.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { kind: values.kind as CaseKind, name: values.name.trim(), member_ids: members } };
}

/**
 * Turns an interview answer into a resource title: the answer itself when it is short enough,
 * otherwise its first words, with the whole answer kept as the description.
 */
export function titleFromAnswer(answer: string): { title: string; description?: string } {
  const text = answer.trim().replace(/\s+/g, ' ');
  if (charCount(text) <= 80) return { title: text };
  const chars = [...text].slice(0, 79).join('');
  const cut = chars.lastIndexOf(' ') > 40 ? chars.slice(0, chars.lastIndexOf(' ')) : chars;
  return { title: `${cut.trimEnd()}…`, description: answer.trim() };
}
