import type { Answers, FhirAnswerOption, FhirItem, FhirQuestionnaire } from '../../api/types';
import { formatList } from '../../shared/format';
import { t } from '../../shared/i18n';

/**
 * What the filler needs from a FHIR R4 Questionnaire, and the answer state around it: which
 * items are answered, where the person is, and the draft kept on the device until it is sent.
 * Pure functions (storage is passed in), so all of it is unit-tested.
 */

export interface AnswerChoice {
  /** The raw value the scoring engine expects (the ordinal / the code as a number). */
  value: number;
  label: string;
}

export interface QuestionItem {
  linkId: string;
  text: string;
  choices: AnswerChoice[];
}

export interface Questionnaire {
  id: string;
  version: string | null;
  title: string;
  /** The instrument's instructions, shown before the first question. */
  description: string;
  copyright: string;
  items: QuestionItem[];
}

const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

function choiceOf(option: FhirAnswerOption): AnswerChoice | null {
  const ordinal = option.extension?.find((e) => e.url === ORDINAL);
  const fromOrdinal = ordinal?.valueDecimal ?? ordinal?.valueInteger;
  const code = option.valueCoding?.code;
  const value =
    typeof fromOrdinal === 'number'
      ? fromOrdinal
      : typeof option.valueInteger === 'number'
        ? option.valueInteger
        : code !== undefined && /^-?\d+$/.test(code)
          ? Number(code)
          : null;
  if (value === null || !Number.isFinite(value)) return null;
  const label = option.valueCoding?.display ?? String(value);
  return { value, label };
}

function flatten(items: readonly FhirItem[]): FhirItem[] {
  const out: FhirItem[] = [];
  for (const item of items) {
    if (item.type === 'group') out.push(...flatten(item.item ?? []));
    else out.push(item);
  }
  return out;
}

/** Reads the choice items of a Questionnaire; items without usable answer options are left out. */
export function parseQuestionnaire(q: FhirQuestionnaire): Questionnaire {
  const items: QuestionItem[] = [];
  for (const item of flatten(q.item ?? [])) {
    if (item.type !== 'choice') continue;
    const choices = (item.answerOption ?? []).map(choiceOf).filter((c): c is AnswerChoice => c !== null);
    if (choices.length === 0) continue;
    items.push({ linkId: item.linkId, text: item.text ?? `Question ${item.linkId}`, choices });
  }
  return {
    id: q.id,
    version: q.version ?? null,
    title: q.title ?? q.id,
    description: q.description ?? '',
    copyright: q.copyright ?? '',
    items,
  };
}

// ---- Answer state ----

export type FillMode = 'one' | 'all';

export interface FillState {
  answers: Answers;
  /** One-per-screen mode: -1 = the instructions, 0..n-1 = a question, n = the review before sending. */
  position: number;
  mode: FillMode;
}

export function initialState(mode: FillMode): FillState {
  return { answers: {}, position: -1, mode };
}

export function isAnswered(answers: Answers, linkId: string): boolean {
  const v = answers[linkId];
  return typeof v === 'number';
}

export function answeredCount(items: readonly QuestionItem[], answers: Answers): number {
  return items.filter((i) => isAnswered(answers, i.linkId)).length;
}

/** The questions still open, in questionnaire order. */
export function unanswered(items: readonly QuestionItem[], answers: Answers): QuestionItem[] {
  return items.filter((i) => !isAnswered(answers, i.linkId));
}

export function setAnswer(state: FillState, linkId: string, value: number | null): FillState {
  return { ...state, answers: { ...state.answers, [linkId]: value } };
}

/** Clamped to the instructions (-1) .. the review (items). */
export function moveTo(state: FillState, position: number, itemCount: number): FillState {
  return { ...state, position: Math.max(-1, Math.min(itemCount, Math.round(position))) };
}

/** Where someone resumes: the first open question, or the review when all are answered. */
export function resumePosition(items: readonly QuestionItem[], answers: Answers): number {
  const first = items.findIndex((i) => !isAnswered(answers, i.linkId));
  return first === -1 ? items.length : first;
}

export interface Progress {
  /** 1-based question number shown ("4 of 9"), 0 on the instructions. */
  current: number;
  total: number;
  answered: number;
  /** 0–100, how far through the questions (by position in one-per-screen mode, by answers otherwise). */
  percent: number;
  label: string;
}

export function progress(state: FillState, items: readonly QuestionItem[]): Progress {
  const total = items.length;
  const answered = answeredCount(items, state.answers);
  if (state.mode === 'all' || state.position >= total) {
    return {
      current: Math.min(total, Math.max(0, state.position + 1)),
      total,
      answered,
      percent: total === 0 ? 100 : Math.round((answered / total) * 100),
      label: t('measures.fill.answeredOf', { answered, total }),
    };
  }
  const current = Math.max(0, state.position + 1);
  return {
    current,
    total,
    answered,
    percent: total === 0 ? 0 : Math.round((current / total) * 100),
    label: current === 0 ? t('measures.fill.instructions') : t('measures.fill.position', { current, total }),
  };
}

/** What is sent: every question of the instrument, null where nothing was chosen. */
export function answersForSubmit(items: readonly QuestionItem[], answers: Answers): Answers {
  const out: Answers = {};
  for (const item of items) {
    const v = answers[item.linkId];
    out[item.linkId] = typeof v === 'number' ? v : null;
  }
  return out;
}

/** "Question 3", "Questions 3 and 7", "Questions 2, 5 and 9". */
export function describeUnanswered(items: readonly QuestionItem[]): string {
  if (items.length === 0) return '';
  return t('measures.fill.questions', { count: items.length, list: formatList(items.map((i) => i.linkId)) });
}

/** The sentence a person confirms before sending with gaps. */
export function missingConfirmation(items: readonly QuestionItem[], answers: Answers): string | null {
  const open = unanswered(items, answers);
  if (open.length === 0) return null;
  return t('measures.fill.confirmMissing', { count: open.length, list: formatList(open.map((i) => i.linkId)) });
}

/** "Questions 3 and 7 are not answered yet." */
export function notAnsweredSentence(items: readonly QuestionItem[]): string {
  return t('measures.fill.notAnswered', { count: items.length, list: formatList(items.map((i) => i.linkId)) });
}

// ---- Drafts kept on the device until sent ----

/** The part of Storage the drafts use (window.localStorage in the app, a Map in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Drafts older than this are dropped rather than resumed: answers are about "the last 2 weeks". */
export const DRAFT_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

interface StoredDraft {
  v: 1;
  instrument: string;
  version: string | null;
  saved_at: number;
  answers: Answers;
  position: number;
  mode: FillMode;
}

/** A short, stable hash, so a one-time link's token (a credential) is not stored verbatim. */
export function hashKey(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export function draftKey(scope: { link: string } | { client: string; instrument: string }): string {
  if ('link' in scope) return `trove.questionnaire.link.${hashKey(scope.link)}`;
  return `trove.questionnaire.client.${hashKey(scope.client)}.${scope.instrument}`;
}

export function saveDraft(storage: DraftStorage | null, key: string, q: Questionnaire, state: FillState, now: number): void {
  if (!storage) return;
  const draft: StoredDraft = {
    v: 1,
    instrument: q.id,
    version: q.version,
    saved_at: now,
    answers: answersForSubmit(q.items, state.answers),
    position: state.position,
    mode: state.mode,
  };
  try {
    storage.setItem(key, JSON.stringify(draft));
  } catch {
    // Private mode or a full quota: filling in still works, it just cannot be resumed.
  }
}

export function clearDraft(storage: DraftStorage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing to do: the draft simply stays until it ages out.
  }
}

/**
 * A saved draft for this questionnaire, or null. Anything that does not fit the questionnaire
 * as it is now (another instrument or version, unknown questions, values that are not among the
 * answer options, too old) is discarded instead of resumed.
 */
export function loadDraft(storage: DraftStorage | null, key: string, q: Questionnaire, now: number): FillState | null {
  if (!storage) return null;
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return null;
  }
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    clearDraft(storage, key);
    return null;
  }
  const d = parsed as Partial<StoredDraft>;
  const fits =
    typeof d === 'object' &&
    d !== null &&
    d.v === 1 &&
    d.instrument === q.id &&
    (d.version ?? null) === q.version &&
    typeof d.saved_at === 'number' &&
    now - d.saved_at <= DRAFT_MAX_AGE_MS &&
    typeof d.answers === 'object' &&
    d.answers !== null;
  if (!fits) {
    clearDraft(storage, key);
    return null;
  }
  const answers: Answers = {};
  for (const item of q.items) {
    const v = (d.answers as Record<string, unknown>)[item.linkId];
    if (typeof v === 'number' && item.choices.some((c) => c.value === v)) answers[item.linkId] = v;
  }
  if (answeredCount(q.items, answers) === 0) return null;
  const mode: FillMode = d.mode === 'all' ? 'all' : 'one';
  const position =
    typeof d.position === 'number' && Number.isFinite(d.position)
      ? Math.max(-1, Math.min(q.items.length, Math.round(d.position)))
      : resumePosition(q.items, answers);
  return { answers, position, mode };
}

/** window.localStorage when the browser allows it. */
export function browserStorage(): DraftStorage | null {
  try {
    return typeof window !== 'undefined' && window.localStorage ? window.localStorage : null;
  } catch {
    return null;
  }
}
