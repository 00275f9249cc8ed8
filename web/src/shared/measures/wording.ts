import type { ChangeInfo, InstrumentSummary, LicenceStatus, MeasureResponse, ScaleScore, ScorePercentile } from '../../api/types';
import { currentLocale, t, type MessageKey } from '../i18n';

/**
 * Words and numbers for questionnaire results, in the reader's language (the catalogue's
 * measures.* keys; `t` follows the app's locale). Pure apart from the locale, so they are tested.
 */

/**
 * Scores stay unrounded in the API; people read whole numbers, or one or two decimals for means,
 * with the reader's decimal sign ("3.17", "3,17").
 */
export function formatScore(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const digits = Math.abs(value) < 10 ? 2 : 1;
  // Rounded first, as before (and `+ 0` turns a rounded −0 into 0), then written the reader's way.
  const rounded = Number(value.toFixed(digits)) + 0;
  return new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: digits, useGrouping: false }).format(rounded).replace('-', '−');
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
  const tone = changeTone(change, better);
  const diff = change.difference;
  const significant = tone !== 'neutral' && change.clinically_significant === true && typeof change.criterion === 'number';
  const verdict = tone === 'neutral' ? 'neutral' : significant ? `${tone}Significant` : tone;
  const values = {
    verdict,
    against,
    n: Math.abs(diff),
    points: formatScore(Math.abs(diff)),
    criterion: typeof change.criterion === 'number' ? formatScore(change.criterion) : '',
  };
  if (diff === 0) return t('measures.change.same', values);
  return t(diff < 0 ? 'measures.change.lower' : 'measures.change.higher', values);
}

/** "Lower scores are better." — so a reader knows which way is good. */
export function betterSentence(better: 'lower' | 'higher'): string {
  return t(better === 'lower' ? 'measures.better.lower' : 'measures.better.higher');
}

/** The primary score of a response, if it has one (ranked instruments have none). */
export function totalOf(response: MeasureResponse): ScaleScore | null {
  return response.scores.total ?? null;
}

/**
 * The server sends band and scale names in the language asked for (`?lang=`, the server
 * catalogue's measures.* keys); these maps put the English names of the ones Trove ships into
 * the reader's language when an answer still carries English (the same published Polish and
 * German wording as the server's). A name not listed, such as one already translated, is kept.
 */
const BAND_KEYS: Record<string, MessageKey> = {
  // PHQ-9 and GAD-7
  Minimal: 'measures.band.minimal',
  Mild: 'measures.band.mild',
  Moderate: 'measures.band.moderate',
  'Moderately severe': 'measures.band.moderatelySevere',
  Severe: 'measures.band.severe',
  // WHO-5
  'Likely depression – screen further': 'measures.band.who5.likelyDepression',
  'Poor well-being – screen for depression': 'measures.band.who5.poorWellBeing',
  'Above the poor well-being cut-off': 'measures.band.who5.above',
  // BRS
  'Low resilience': 'measures.band.brs.low',
  'Normal resilience': 'measures.band.brs.normal',
  'High resilience': 'measures.band.brs.high',
  // SWLS
  'Extremely dissatisfied': 'measures.band.swls.extremelyDissatisfied',
  Dissatisfied: 'measures.band.swls.dissatisfied',
  'Slightly dissatisfied': 'measures.band.swls.slightlyDissatisfied',
  Neutral: 'measures.band.swls.neutral',
  'Slightly satisfied': 'measures.band.swls.slightlySatisfied',
  Satisfied: 'measures.band.swls.satisfied',
  'Extremely satisfied': 'measures.band.swls.extremelySatisfied',
};

/** A band's name in the reader's language ("Moderately severe", "Umiarkowanie ciężkie", "Ausgeprägt"). */
export function bandLabel(label: string): string {
  const key = Object.prototype.hasOwnProperty.call(BAND_KEYS, label) ? BAND_KEYS[label] : undefined;
  return key ? t(key) : label;
}

/** The generic scale names; an instrument's own scales (subscales, strengths) keep the server's name. */
const SCALE_KEYS: Record<string, MessageKey> = {
  Total: 'measures.scale.total',
  'Raw score': 'measures.scale.raw',
  'Mean item score': 'measures.scale.itemMean',
};

/** A scale's name in the reader's language ("Total", "Wynik ogólny", "Gesamtwert"). */
export function scaleLabel(label: string): string {
  const key = Object.prototype.hasOwnProperty.call(SCALE_KEYS, label) ? SCALE_KEYS[label] : undefined;
  return key ? t(key) : label;
}

/** "25th", "1st", "22nd", "13th", "12.5th" (Polish and German: "25."). */
export function ordinal(n: number): string {
  return t('measures.ordinal', { n });
}

/**
 * "between the 25th and 50th percentile (Adult web sample)": a published table places a score in a
 * range of percentiles, not at one, so the words say so. The open ends read "below the 25th" and
 * "above the 87th".
 */
export function percentileText(p: ScorePercentile): string {
  let where: string;
  if (p.from === p.to) where = t('measures.percentile.at', { p: ordinal(p.from) });
  else if (p.from <= 0 && p.to < 100) where = t('measures.percentile.below', { p: ordinal(p.to) });
  else if (p.to >= 100 && p.from > 0) where = t('measures.percentile.above', { p: ordinal(p.from) });
  else where = t('measures.percentile.between', { from: ordinal(p.from), to: ordinal(p.to) });
  return p.norm ? t('measures.percentile.withNorm', { where, norm: p.norm }) : where;
}

/** "14 (Moderate)", "38, between the 50th and 75th percentile (Adult web sample)", or why there is no score. */
export function scoreText(score: ScaleScore | null): string {
  if (!score) return t('measures.score.noTotal');
  if (score.value === null) return score.why ? t('measures.score.notScoredWhy', { why: score.why }) : t('measures.score.notScored');
  const text = score.band ? t('measures.score.withBand', { score: formatScore(score.value), band: bandLabel(score.band) }) : formatScore(score.value);
  return score.percentile ? t('measures.score.withPercentile', { score: text, percentile: percentileText(score.percentile) }) : text;
}

/** Notes on missing items and proration, or null when the response is complete. */
export function missingNote(response: MeasureResponse): string | null {
  if (response.missing === 0) return null;
  const n = response.missing;
  if (response.prorated) return t('measures.missing.prorated', { n });
  const total = totalOf(response);
  if (total && total.value === null) return t('measures.missing.tooMany', { n });
  return t('measures.missing.some', { n });
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

const LICENCE_KEYS: Record<LicenceStatus, MessageKey> = {
  free: 'measures.licence.free',
  free_cite: 'measures.licence.freeCite',
  free_credit: 'measures.licence.freeCredit',
  non_commercial: 'measures.licence.nonCommercial',
  confirm: 'measures.licence.confirm',
};

export function licenceLabel(status: string): string {
  const key = Object.prototype.hasOwnProperty.call(LICENCE_KEYS, status) ? (LICENCE_KEYS as Record<string, MessageKey>)[status] : undefined;
  return key ? t(key) : status;
}

export function instrumentName(id: string, instruments: ReadonlyMap<string, InstrumentSummary>): string {
  return instruments.get(id)?.short_name ?? id.toUpperCase();
}

/** "28 Nov 2026, 10:00, by the client": when a response was given and by whom. */
export function submittedText(when: string, role: string): string {
  return t('measures.response.submitted', { when, role });
}

/** "Once" or "Every 2 weeks". */
export function scheduleLabel(everyWeeks: number | null, everySessions: number | null = null): string {
  if (everySessions !== null) return t('measures.schedule.sessions', { n: everySessions });
  if (everyWeeks === null) return t('measures.schedule.once');
  return t('measures.schedule.weeks', { n: everyWeeks });
}

/** The same inside a sentence ("is assigned (every 2 weeks)"): lower case where the language has it so. */
export function scheduleInline(everyWeeks: number | null, everySessions: number | null = null): string {
  if (everySessions !== null) return t('measures.scheduleInline.sessions', { n: everySessions });
  if (everyWeeks === null) return t('measures.scheduleInline.once');
  return t('measures.scheduleInline.weeks', { n: everyWeeks });
}

/** "Due after 2 more sessions" for an every-N-sessions questionnaire that waits; null otherwise. */
export function sessionsUntilDueText(assignment: {
  every_sessions?: number | null;
  sessions_since?: number;
  next_due_at: string | null;
}): string | null {
  if (!assignment.every_sessions || assignment.next_due_at) return null;
  const left = Math.max(1, assignment.every_sessions - (assignment.sessions_since ?? 0));
  return t('measures.due.afterSessions', { n: left });
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

/**
 * "Due today", "Due since 22 Nov 2026", "Next due 27 Dec 2026" (dates in the reader's locale). The
 * portal shows the due ones in lower case after "9 questions · ", so their wording must survive that.
 */
export function dueText(nextDueAt: string | null, now: number, format: (iso: string) => string): string {
  if (!nextDueAt) return t('measures.due.not');
  const at = Date.parse(nextDueAt);
  if (!Number.isFinite(at)) return t('measures.due.not');
  if (sameLocalDay(new Date(at), new Date(now))) return t(at <= now ? 'measures.due.today' : 'measures.due.laterToday');
  return at <= now ? t('measures.due.since', { date: format(nextDueAt) }) : t('measures.due.next', { date: format(nextDueAt) });
}
