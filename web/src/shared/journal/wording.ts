import { formatDay as formatCalendarDay } from '../format';
import { t, type Locale, type MessageKey } from '../i18n';
import type { Adherence, Assignment, JournalKind } from './types';

/**
 * Words for the journal, in one place so they stay warm and consistent. Nothing here ever
 * counts what was missed or talks about a streak that "broke": only what was done is named.
 */

const KINDS: readonly JournalKind[] = ['success', 'gratitude', 'strength_use', 'exception', 'resource', 'free'];

function kindWord(kind: string, which: 'chip' | 'label' | 'hint', fallback: string): string {
  return (KINDS as readonly string[]).includes(kind) ? t(`journal.kind.${kind}.${which}` as MessageKey) : fallback;
}

export function kindChip(kind: string): string {
  return kindWord(kind, 'chip', kind);
}

export function kindLabel(kind: string): string {
  return kindWord(kind, 'label', kind);
}

export function kindHint(kind: string): string {
  return kindWord(kind, 'hint', '');
}

/** What the private/shared switch means, in the reader's own terms. */
export function privacyText(shared: boolean): string {
  return t(shared ? 'journal.privacy.shared' : 'journal.privacy.private');
}

const AUDIENCES = ['adults', 'young_people', 'children', 'couples', 'families', 'groups'];

export function audienceLabel(a: string): string {
  return AUDIENCES.includes(a) ? t(`journal.audience.${a}` as MessageKey) : a;
}

export function minutes(n: number): string {
  return t('journal.minutes', { n });
}

/** "2026-12-03" as a local calendar day: `new Date("2026-12-03")` would be UTC midnight, a day early in America. */
export function parseDay(ymd: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A calendar day in the reader's language ("3 Dec 2026", "3 gru 2026", "03.12.2026"). */
export function formatDay(ymd: string | null | undefined, locale?: Locale): string {
  if (!ymd) return '—';
  return parseDay(ymd) ? formatCalendarDay(ymd, locale ? { locale } : undefined) : ymd;
}

/** Today in the device's own calendar, as YYYY-MM-DD. */
export function localDay(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** For the care team: how it is going, plainly ("12 of 20 days"). */
export function adherenceSummary(a: Adherence): string {
  if (a.due === 0) return a.done > 0 ? t('journal.adherence.soFar', { n: a.done }) : t('journal.adherence.nothingDue');
  return t(a.streak_unit === 'day' ? 'journal.adherence.ofDays' : 'journal.adherence.ofTimes', { done: a.done, due: a.due });
}

/** The run now and the longest, without judging a run that has ended. */
export function streakSummary(a: Adherence): string {
  if (a.longest_streak === 0) return t('journal.streak.none');
  const values = { unit: a.streak_unit, current: a.current_streak, longest: a.longest_streak };
  return a.current_streak > 0 ? t('journal.streak.now', values) : t('journal.streak.longest', values);
}

/** For the client: only said when there is something to be glad about; never mentions a gap. */
export function encouragement(a: Adherence): string | null {
  if (a.current_streak >= 2) return t('journal.encourage.run', { unit: a.streak_unit, n: a.current_streak });
  if (a.done >= 1) return t('journal.encourage.done', { n: a.done });
  return null;
}

/** The line under "Today" once nothing is left: gentle, whether or not anything was due. */
export function allDoneText(items: readonly Assignment[]): string {
  const active = items.filter((a) => a.status === 'active');
  if (active.length === 0) return t('journal.allDone.nothingPlanned');
  if (active.some((a) => a.done_today)) return t('journal.allDone.done');
  return t('journal.allDone.nothingDue');
}

export function statusLabel(status: string): string {
  return status === 'active' || status === 'paused' || status === 'ended' ? t(`journal.status.${status}`) : status;
}

/** The journal line on the therapist's view: how many entries, and the run of days with one. */
export function journalStats(j: { entries: number; current_streak: number; longest_streak: number }): string {
  if (j.longest_streak === 0) return t('journal.stats.entries', { count: j.entries });
  const values = { count: j.entries, current: j.current_streak, longest: j.longest_streak };
  return j.current_streak > 0 ? t('journal.stats.now', values) : t('journal.stats.longest', values);
}
