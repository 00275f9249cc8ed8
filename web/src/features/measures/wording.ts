import type { ChangeInfo, InstrumentSummary, LicenceStatus, MeasureResponse, ScaleScore, ScorePercentile } from '../../api/types';

/** Words and numbers for questionnaire results. Pure, so they are tested. */

/** Scores stay unrounded in the API; people read whole numbers, or one or two decimals for means. */
export function formatScore(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const digits = Math.abs(value) < 10 ? 2 : 1;
  const rounded = Number(value.toFixed(digits));
  return String(rounded).replace('-', '−');
}

function points(n: number): string {
  const abs = Math.abs(n);
  return `${formatScore(abs)} ${abs === 1 ? 'point' : 'points'}`;
}

export type ChangeTone = 'improved' | 'deteriorated' | 'neutral';

/**
 * Direction-aware classification. The API already says "improved" / "deteriorated" following the
 * instrument's `better`; when it does not, the RCI decides (|RCI| > 1.96, Jacobson & Truax).
 */
export function changeTone(change: ChangeInfo, better: 'lower' | 'higher'): ChangeTone {
  if (change.reliable === 'improved') return 'improved';
  if (change.reliable === 'deteriorated') return 'deteriorated';
  if (change.reliable === 'no_reliable_change') return 'neutral';
  if (!Number.isFinite(change.rci) || Math.abs(change.rci) <= 1.96) return 'neutral';
  const wentDown = change.rci < 0;
  return wentDown === (better === 'lower') ? 'improved' : 'deteriorated';
}

/**
 * One sentence about a change, e.g. "9 points lower than the first time: a reliable improvement."
 * `against` names the comparison ("the first time", "last time").
 */
export function changeSentence(change: ChangeInfo, better: 'lower' | 'higher', against: 'first' | 'previous'): string {
  const whenText = against === 'first' ? 'the first time' : 'last time';
  const tone = changeTone(change, better);
  const diff = change.difference;
  const size = diff === 0 ? `The same as ${whenText}` : `${points(diff)} ${diff < 0 ? 'lower' : 'higher'} than ${whenText}`;
  let verdict: string;
  if (tone === 'improved') verdict = 'a reliable improvement';
  else if (tone === 'deteriorated') verdict = 'a reliable deterioration';
  else verdict = diff === 0 ? 'no change' : 'within measurement error, so not a reliable change';
  let sentence = `${size}: ${verdict}`;
  if (tone !== 'neutral' && change.clinically_significant && typeof change.criterion === 'number') {
    sentence += `, and clinically significant (it crossed ${formatScore(change.criterion)})`;
  }
  return `${sentence}.`;
}

/** "Lower scores are better." — so a reader knows which way is good. */
export function betterSentence(better: 'lower' | 'higher'): string {
  return better === 'lower' ? 'Lower scores are better.' : 'Higher scores are better.';
}

/** The primary score of a response, if it has one (ranked instruments have none). */
export function totalOf(response: MeasureResponse): ScaleScore | null {
  return response.scores.total ?? null;
}

/** "25th", "1st", "22nd", "13th", "12.5th". */
export function ordinal(n: number): string {
  if (!Number.isInteger(n)) return `${n}th`;
  const lastTwo = Math.abs(n) % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  const suffix = ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[Math.abs(n) % 10] ?? 'th';
  return `${n}${suffix}`;
}

/**
 * "between the 25th and 50th percentile (Adult web sample)": a published table places a score in a
 * range of percentiles, not at one, so the words say so. The open ends read "below the 25th" and
 * "above the 87th".
 */
export function percentileText(p: ScorePercentile): string {
  let where: string;
  if (p.from === p.to) where = `at the ${ordinal(p.from)} percentile`;
  else if (p.from <= 0 && p.to < 100) where = `below the ${ordinal(p.to)} percentile`;
  else if (p.to >= 100 && p.from > 0) where = `above the ${ordinal(p.from)} percentile`;
  else where = `between the ${ordinal(p.from)} and ${ordinal(p.to)} percentile`;
  return p.norm ? `${where} (${p.norm})` : where;
}

/** "14 (Moderate)", "38, between the 50th and 75th percentile (Adult web sample)", or why there is no score. */
export function scoreText(score: ScaleScore | null): string {
  if (!score) return 'No total';
  if (score.value === null) return score.why ? `Not scored: ${score.why}` : 'Not scored: too many questions were left out.';
  const text = score.band ? `${formatScore(score.value)} (${score.band})` : formatScore(score.value);
  return score.percentile ? `${text}, ${percentileText(score.percentile)}` : text;
}

/** Notes on missing items and proration, or null when the response is complete. */
export function missingNote(response: MeasureResponse): string | null {
  if (response.missing === 0) return null;
  const q = response.missing === 1 ? '1 question was' : `${response.missing} questions were`;
  if (response.prorated) return `${q} not answered; the total was prorated from the answered ones.`;
  const total = totalOf(response);
  if (total && total.value === null) return `${q} not answered; that is too many for a total.`;
  return `${q} not answered.`;
}

export interface RankedStrength {
  id: string;
  label: string;
  value: number | null;
  rank: number;
  signature: boolean;
}

/**
 * The 24 strengths of an IPIP-VIA-R response, highest first; the top five are the "signature
 * strengths". Uses the API's `ranking` when present, else sorts the scales (ties keep their order).
 */
export function rankedStrengths(response: MeasureResponse, top = 5): RankedStrength[] {
  const entries = Object.entries(response.scores).filter(([id]) => id !== 'total');
  const byId = new Map(entries);
  let order: string[];
  if (response.ranking && response.ranking.length > 0) {
    order = response.ranking.filter((id) => byId.has(id));
  } else {
    order = entries
      .map(([id, s], i) => ({ id, v: s.value, i }))
      .sort((a, b) => (b.v ?? -Infinity) - (a.v ?? -Infinity) || a.i - b.i)
      .map((e) => e.id);
  }
  return order.map((id, i) => {
    const s = byId.get(id)!;
    return { id, label: s.label, value: s.value, rank: i + 1, signature: i < top && s.value !== null };
  });
}

const LICENCE_LABELS: Record<LicenceStatus, string> = {
  free: 'Free to use',
  free_cite: 'Free to use with a citation',
  free_credit: 'Free to use with credit to the authors',
  non_commercial: 'Free for non-commercial use',
  confirm: 'Licence terms need your confirmation',
};

export function licenceLabel(status: string): string {
  return (LICENCE_LABELS as Record<string, string>)[status] ?? status;
}

export function instrumentName(id: string, instruments: ReadonlyMap<string, InstrumentSummary>): string {
  return instruments.get(id)?.short_name ?? id.toUpperCase();
}

export function submittedByLabel(role: string): string {
  if (role === 'client') return 'by the client';
  if (role === 'therapist') return 'in session';
  if (role === 'link') return 'by the client, through a link';
  return `by ${role}`;
}

/** "Once" or "Every 2 weeks". */
export function scheduleLabel(everyWeeks: number | null, everySessions: number | null = null): string {
  if (everySessions !== null) return everySessions === 1 ? 'After every session' : `Every ${everySessions} sessions`;
  if (everyWeeks === null) return 'Once';
  return everyWeeks === 1 ? 'Every week' : `Every ${everyWeeks} weeks`;
}

/** "Due after 2 more sessions" for an every-N-sessions questionnaire that waits; null otherwise. */
export function sessionsUntilDueText(assignment: {
  every_sessions?: number | null;
  sessions_since?: number;
  next_due_at: string | null;
}): string | null {
  if (!assignment.every_sessions || assignment.next_due_at) return null;
  const left = Math.max(1, assignment.every_sessions - (assignment.sessions_since ?? 0));
  return left === 1 ? 'Due after the next attended session' : `Due after ${left} more attended sessions`;
}

/** Due now (or overdue) at `now`? Inactive or unscheduled assignments never are. */
export function isDue(assignment: { active: boolean; next_due_at: string | null }, now: number): boolean {
  if (!assignment.active || !assignment.next_due_at) return false;
  const at = Date.parse(assignment.next_due_at);
  return Number.isFinite(at) && at <= now;
}

function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "Due today", "Due since 22 Nov 2026", "Next due 27 Dec 2026" (dates in the reader's locale). */
export function dueText(nextDueAt: string | null, now: number, format: (iso: string) => string): string {
  if (!nextDueAt) return 'Not due';
  const at = Date.parse(nextDueAt);
  if (!Number.isFinite(at)) return 'Not due';
  if (sameLocalDay(new Date(at), new Date(now))) return at <= now ? 'Due today' : 'Due later today';
  return at <= now ? `Due since ${format(nextDueAt)}` : `Next due ${format(nextDueAt)}`;
}
