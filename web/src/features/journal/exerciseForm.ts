import type { Checked } from '../../shared/journal/schedule';
import { JOURNAL_KINDS, type ExerciseInput, type JournalKind } from '../../shared/journal/types';
import { t } from '../../shared/i18n';

/** The "add a practice exercise" form as typed; lists are one item per line. */
export interface ExerciseFormValues {
  title: string;
  summary: string;
  purpose: string;
  instructions: string;
  prompts: string;
  duration: string;
  journal_kind: JournalKind;
  suitable_for: string[];
  caution: string;
  evidence: { citation: string; doi: string }[];
}

export const EMPTY_EXERCISE: ExerciseFormValues = {
  title: '',
  summary: '',
  purpose: '',
  instructions: '',
  prompts: '',
  duration: '10',
  journal_kind: 'free',
  suitable_for: ['adults'],
  caution: '',
  evidence: [{ citation: '', doi: '' }],
};

/** Non-empty trimmed lines; a leading "1." or "-" that people type out of habit is dropped. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:\d+[.)]|[-•*])\s+/, '').trim())
    .filter((l) => l !== '');
}

/** Same limits as the server's exercise checks, with messages that name the field on the form. */
export function exerciseFromForm(v: ExerciseFormValues): Checked<ExerciseInput> {
  const errors: Record<string, string> = {};
  const title = v.title.trim();
  if (!title) errors.title = t('journal.exf.check.name');
  else if (title.length > 120) errors.title = t('journal.exf.check.nameLong');
  if (v.summary.trim().length > 300) errors.summary = t('journal.exf.check.summaryLong');
  if (v.purpose.trim().length > 2000) errors.purpose = t('journal.exf.check.purposeLong');
  const instructions = lines(v.instructions);
  if (instructions.length === 0) errors.instructions = t('journal.exf.check.noSteps');
  else if (instructions.length > 20) errors.instructions = t('journal.exf.check.manySteps');
  else if (instructions.some((s) => s.length > 1000)) errors.instructions = t('journal.exf.check.longStep');
  const prompts = lines(v.prompts);
  if (prompts.length > 20) errors.prompts = t('journal.exf.check.manyPrompts');
  else if (prompts.some((s) => s.length > 300)) errors.prompts = t('journal.exf.check.longPrompt');
  const duration = Number(v.duration.trim());
  if (!/^\d+$/.test(v.duration.trim()) || duration < 1 || duration > 240) errors.duration_minutes = t('journal.exf.check.minutes');
  if (!JOURNAL_KINDS.includes(v.journal_kind)) errors.journal_kind = t('journal.exf.check.kind');
  if (v.caution.trim().length > 1000) errors.caution = t('journal.exf.check.cautionLong');
  const evidence = v.evidence
    .map((e) => ({ citation: e.citation.trim(), doi: e.doi.trim().replace(/^https?:\/\/(dx\.)?doi\.org\//i, '') }))
    .filter((e) => e.citation !== '' || e.doi !== '');
  if (evidence.some((e) => e.citation === '')) errors.evidence = t('journal.exf.check.citation');
  else if (evidence.length > 10) errors.evidence = t('journal.exf.check.manySources');
  if (Object.keys(errors).length) return { ok: false, errors };
  const value: ExerciseInput = {
    title,
    summary: v.summary.trim(),
    purpose: v.purpose.trim(),
    instructions,
    prompts,
    duration_minutes: duration,
    journal_kind: v.journal_kind,
    suitable_for: [...v.suitable_for],
    evidence: evidence.map((e) => (e.doi ? { citation: e.citation, doi: e.doi } : { citation: e.citation })),
  };
  if (v.caution.trim()) value.caution = v.caution.trim();
  return { ok: true, value };
}

/** The server names list fields like "evidence[0].citation"; the form has one field per list. */
export function formFieldOf(serverField: string): string {
  return serverField.replace(/\[\d+\].*$/, '');
}
