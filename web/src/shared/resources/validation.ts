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
import { t, type MessageKey } from '../i18n';
import { charCount, type FieldErrors, type Validated } from '../validation';

/** Limits from docs/api.md; the server stays the judge, these only save a round trip. */
export const MAX_TITLE = 200;
export const MAX_TEXT = 4000;

/** Which text is too long: each has its own whole sentence in the catalogue. */
type LongText = 'title' | 'description' | 'evidence' | 'note' | 'proposal' | 'name';

const TOO_LONG: Record<LongText, MessageKey> = {
  title: 'resources.validation.tooLong.title',
  description: 'resources.validation.tooLong.description',
  evidence: 'resources.validation.tooLong.evidence',
  note: 'resources.validation.tooLong.note',
  proposal: 'resources.validation.tooLong.proposal',
  name: 'resources.validation.tooLong.name',
};

function tooLong(which: LongText, value: string, max: number): string | null {
  const n = charCount(value);
  return n > max ? t(TOO_LONG[which], { max, count: n }) : null;
}

const TITLE_MISSING: Record<'resource' | 'goal' | 'problem', MessageKey> = {
  resource: 'resources.validation.titleMissing.resource',
  goal: 'resources.validation.titleMissing.goal',
  problem: 'resources.validation.titleMissing.problem',
};

function titleError(title: string, what: 'resource' | 'goal' | 'problem'): string | null {
  if (title.trim() === '') return t(TITLE_MISSING[what]);
  return tooLong('title', title.trim(), MAX_TITLE);
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
  if (!RESOURCE_CATEGORIES.includes(values.category as ResourceCategory)) errors.category = t('resources.validation.category');
  if (!RESOURCE_SOURCES.includes(values.source)) errors.source = t('resources.validation.source');
  if (values.strength_code !== '' && strengthCodes.length > 0 && !strengthCodes.includes(values.strength_code)) {
    errors.strength_code = t('resources.validation.strength');
  }
  for (const [key, label] of [
    ['description', 'description'],
    ['evidence', 'evidence'],
    ['therapist_note', 'note'],
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
  if (values.title.trim() === '') errors.title = t('resources.validation.proposalMissing');
  else {
    const long = tooLong('proposal', values.title.trim(), MAX_TITLE);
    if (long) errors.title = long;
  }
  if (!RESOURCE_CATEGORIES.includes(values.category as ResourceCategory)) errors.category = t('resources.validation.proposalCategory');
  const desc = tooLong('description', values.description.trim(), MAX_TEXT);
  if (desc) errors.description = desc;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const input: ResourceInput = { title: values.title.trim(), category: values.category as ResourceCategory };
  if (values.description.trim() !== '') input.description = values.description.trim();
  return { ok: true, value: input };
}

const RATING: Record<'availability' | 'activation' | 'rating', MessageKey> = {
  availability: 'resources.validation.rating.availability',
  activation: 'resources.validation.rating.activation',
  rating: 'resources.validation.rating.rating',
};

/** A 0–10 whole number, as the range inputs give it. */
export function ratingError(value: number, which: 'availability' | 'activation' | 'rating'): string | null {
  if (!Number.isInteger(value) || value < 0 || value > 10) return t(RATING[which]);
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
  if (!m) return { ok: false, error: t('resources.validation.dateShape') };
  const at = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12, 0, 0);
  if (Number.isNaN(at.getTime()) || at.getDate() !== Number(m[3])) return { ok: false, error: t('resources.validation.dateMissing') };
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const day = new Date(at.getFullYear(), at.getMonth(), at.getDate());
  if (day.getTime() > today.getTime()) return { ok: false, error: t('resources.validation.dateFuture') };
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
  const desc = tooLong('description', values.description.trim(), MAX_TEXT);
  if (desc) errors.description = desc;
  if (!GOAL_STATUSES.includes(values.status as GoalStatus)) errors.status = t('resources.validation.status');
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
  const desc = tooLong('description', values.description.trim(), MAX_TEXT);
  if (desc) errors.description = desc;
  if (!PROBLEM_STATUSES.includes(values.status as ProblemStatus)) errors.status = t('resources.validation.status');
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
  if (!CASE_KINDS.includes(values.kind as CaseKind)) errors.kind = t('resources.validation.caseKind');
  if (values.name.trim() === '') errors.name = t('resources.validation.caseName');
  else {
    const long = tooLong('name', values.name.trim(), MAX_TITLE);
    if (long) errors.name = long;
  }
  const members = [...new Set(values.member_ids)];
  if (values.kind === 'couple' && members.length !== 2) errors.member_ids = t('resources.validation.couple', { count: members.length });
  else if (members.length < 2) errors.member_ids = t('resources.validation.members');
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
