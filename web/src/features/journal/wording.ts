import type { Adherence, Assignment, JournalKind } from './types';

/**
 * Words for the journal, in one place so they stay warm and consistent. Nothing here ever
 * counts what was missed or talks about a streak that "broke": only what was done is named.
 */

const KIND: Record<JournalKind, { chip: string; label: string; hint: string }> = {
  success: { chip: 'Went well', label: 'Something that went well', hint: 'What went well, and what did you do to make it happen?' },
  gratitude: { chip: 'Grateful', label: 'Something I am grateful for', hint: 'What or who are you grateful for today?' },
  strength_use: { chip: 'Used a strength', label: 'A strength I used', hint: 'Which of your strengths did you use, and how?' },
  exception: { chip: 'A better moment', label: 'A moment when it was a little better', hint: 'When was it a little easier? What was different then?' },
  resource: { chip: 'What helped', label: 'Something that helped', hint: 'What helped you today, even a little?' },
  free: { chip: 'Anything', label: 'Anything on my mind', hint: 'Whatever you would like to keep.' },
};

export function kindChip(kind: string): string {
  return KIND[kind as JournalKind]?.chip ?? kind;
}

export function kindLabel(kind: string): string {
  return KIND[kind as JournalKind]?.label ?? kind;
}

export function kindHint(kind: string): string {
  return KIND[kind as JournalKind]?.hint ?? '';
}

/** What the private/shared switch means, in the reader's own terms. */
export function privacyText(shared: boolean): string {
  return shared ? 'Your therapist can read this' : 'Only you can see this';
}

const AUDIENCE: Record<string, string> = {
  adults: 'Adults',
  young_people: 'Young people',
  children: 'Children',
  couples: 'Couples',
  families: 'Families',
  groups: 'Groups',
};

export function audienceLabel(a: string): string {
  return AUDIENCE[a] ?? a;
}

export function minutes(n: number): string {
  return n === 1 ? 'about 1 minute' : `about ${n} minutes`;
}

/** "2026-12-03" as a local calendar day: `new Date("2026-12-03")` would be UTC midnight, a day early in America. */
export function parseDay(ymd: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDay(ymd: string | null | undefined, locale?: string): string {
  if (!ymd) return '—';
  const d = parseDay(ymd);
  return d ? d.toLocaleDateString(locale, { dateStyle: 'medium' }) : ymd;
}

/** Today in the device's own calendar, as YYYY-MM-DD. */
export function localDay(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

function unitWord(n: number, unit: 'day' | 'week'): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** For the care team: how it is going, plainly ("12 of 20 days"). */
export function adherenceSummary(a: Adherence): string {
  if (a.due === 0) return a.done > 0 ? `${a.done} time${a.done === 1 ? '' : 's'} so far` : 'Nothing due yet';
  const of = a.streak_unit === 'day' ? unitWord(a.due, 'day') : `${a.due} time${a.due === 1 ? '' : 's'}`;
  return `${a.done} of ${of}`;
}

/** The run now and the longest, without judging a run that has ended. */
export function streakSummary(a: Adherence): string {
  if (a.longest_streak === 0) return 'No run yet';
  const longest = `longest ${unitWord(a.longest_streak, a.streak_unit)}`;
  return a.current_streak > 0 ? `${unitWord(a.current_streak, a.streak_unit)} in a row now · ${longest}` : longest.charAt(0).toUpperCase() + longest.slice(1);
}

/** For the client: only said when there is something to be glad about; never mentions a gap. */
export function encouragement(a: Adherence): string | null {
  if (a.current_streak >= 2) return `${unitWord(a.current_streak, a.streak_unit)} in a row. Lovely.`;
  if (a.done >= 1) return `You have done this ${a.done === 1 ? 'once' : `${a.done} times`} so far.`;
  return null;
}

/** The line under "Today" once nothing is left: gentle, whether or not anything was due. */
export function allDoneText(items: readonly Assignment[]): string {
  const active = items.filter((a) => a.status === 'active');
  if (active.length === 0) return 'Nothing is planned for today. You can still write in your journal whenever you like.';
  if (active.some((a) => a.done_today)) return 'That’s everything for today. Well done for taking the time.';
  return 'Nothing is due today. Enjoy your day — your journal is here whenever you want it.';
}

export function statusLabel(status: string): string {
  return status === 'active' ? 'Active' : status === 'paused' ? 'Paused' : status === 'ended' ? 'Ended' : status;
}

/** The journal line on the therapist's view: how many entries, and the run of days with one. */
export function journalStats(j: { entries: number; current_streak: number; longest_streak: number }): string {
  const entries = `${j.entries} ${j.entries === 1 ? 'entry' : 'entries'}`;
  if (j.longest_streak === 0) return entries;
  const run = streakSummary({ due: 0, done: 0, current_streak: j.current_streak, longest_streak: j.longest_streak, streak_unit: 'day' });
  return `${entries} · days with an entry: ${run.charAt(0).toLowerCase()}${run.slice(1)}`;
}
