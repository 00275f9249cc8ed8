import type { MoodPoint, MoodReading, MoodSummary } from '../../shared/journal/types';
import { t } from '../../shared/i18n';

/** Geometry and words of the mood chart: mood 0–10 up the side, time along the bottom. Pure. */

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Dot {
  x: number;
  y: number;
  date: string;
  mood: number;
  /** The entry's id (unique even with several ratings on one day). */
  key: string;
}

export interface MoodGeometry {
  /** The plot area inside the frame. */
  box: { x: number; y: number; width: number; height: number };
  dots: Dot[];
  /** An SVG path through the dots in date order ("" when there are none). */
  path: string;
  yTicks: { value: number; y: number }[];
  /** The first and last day (one when they are the same). */
  xTicks: { date: string; x: number }[];
}

const MS_PER_DAY = 86_400_000;

/** Whole days since 1970-01-01 for a YYYY-MM-DD date (NaN when it is not one). */
export function dayNumber(ymd: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return Number.NaN;
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

const round = (n: number) => Math.round(n * 10) / 10;

function atOf(p: MoodPoint): number {
  const t = p.at ? Date.parse(p.at) : Number.NaN;
  return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY;
}

/**
 * Valid points in the order they were written: by their day, then by their time of writing
 * (points without one first), then as given. The day leads because it is the client's own day
 * (entries written later for an earlier day, or imported, still sit on that day).
 */
export function inTimeOrder(points: readonly MoodPoint[]): MoodPoint[] {
  return points
    .map((p, i) => ({ p, i, d: dayNumber(p.date), t: atOf(p) }))
    .filter((x) => Number.isFinite(x.d) && Number.isFinite(x.p.mood))
    .sort((a, b) => a.d - b.d || (a.t === b.t ? 0 : a.t < b.t ? -1 : 1) || a.i - b.i)
    .map((x) => x.p);
}

/**
 * Where each point sits along the time axis, in days: its day plus a share of it, so several
 * entries of one day stand side by side inside that day (1 entry at the middle, 2 at a third and
 * two thirds, ...). Same order as inTimeOrder.
 */
export function positions(ordered: readonly MoodPoint[]): number[] {
  const perDay = new Map<string, number>();
  for (const p of ordered) perDay.set(p.date, (perDay.get(p.date) ?? 0) + 1);
  const seen = new Map<string, number>();
  return ordered.map((p) => {
    const k = (seen.get(p.date) ?? 0) + 1;
    seen.set(p.date, k);
    return dayNumber(p.date) + k / (perDay.get(p.date)! + 1);
  });
}

/**
 * Every rating is a dot of its own (several on one day sit side by side within it), so a low is
 * never averaged away. Days along the bottom, mood 0–10 up the side.
 */
export function moodGeometry(points: readonly MoodPoint[], frame: Frame): MoodGeometry {
  const box = {
    x: frame.left,
    y: frame.top,
    width: Math.max(1, frame.width - frame.left - frame.right),
    height: Math.max(1, frame.height - frame.top - frame.bottom),
  };
  const valid = inTimeOrder(points);
  const y = (mood: number) => round(box.y + box.height - (Math.min(10, Math.max(0, mood)) / 10) * box.height);
  const times = positions(valid);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const x = (t: number) => round(first === last ? box.x + box.width / 2 : box.x + ((t - first) / (last - first)) * box.width);
  const dots = valid.map((p, i) => ({ x: x(times[i]!), y: y(p.mood), date: p.date, mood: p.mood, key: p.entry_id ?? `${p.date}-${i}` }));
  const path = dots.map((d, i) => `${i === 0 ? 'M' : 'L'}${d.x} ${d.y}`).join(' ');
  const yTicks = [0, 5, 10].map((value) => ({ value, y: y(value) }));
  const firstDot = dots[0];
  const lastDot = dots[dots.length - 1];
  const xTicks =
    !firstDot || !lastDot
      ? []
      : firstDot.date === lastDot.date
        ? [{ date: firstDot.date, x: round(box.x + box.width / 2) }]
        : [
            { date: firstDot.date, x: firstDot.x },
            { date: lastDot.date, x: lastDot.x },
          ];
  return { box, dots, path, yTicks, xTicks };
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The lowest rating, the most recent one when several are equally low. */
export function lowestOf(points: readonly MoodPoint[]): MoodPoint | undefined {
  let low: MoodPoint | undefined;
  for (const p of inTimeOrder(points)) if (!low || p.mood <= low.mood) low = p;
  return low;
}

/** A one-sentence reading of the ratings for screen readers and the chart's caption: first, latest and lowest. */
export function moodSummary(points: readonly MoodPoint[], format: (ymd: string) => string): string {
  const valid = inTimeOrder(points);
  if (valid.length === 0) return t('journal.mood.none');
  const firstP = valid[0]!;
  const lastP = valid[valid.length - 1]!;
  if (valid.length === 1) return t('journal.mood.one', { mood: fmt(firstP.mood), date: format(firstP.date) });
  const low = lowestOf(valid)!;
  return t('journal.mood.many', {
    n: valid.length,
    firstDate: format(firstP.date),
    first: fmt(firstP.mood),
    lastDate: format(lastP.date),
    last: fmt(lastP.mood),
    low: fmt(low.mood),
    lowDate: format(low.date),
  });
}

/**
 * The latest mood and the lowest of the last 7 days (today and the 6 days before), from the
 * points themselves: used when the server's answer has no mood_summary.
 */
export function summariseMood(points: readonly MoodPoint[], today: string): MoodSummary {
  const valid = inTimeOrder(points);
  const last = valid[valid.length - 1];
  const end = dayNumber(today);
  const week = valid.filter((p) => {
    const d = dayNumber(p.date);
    return d <= end && d > end - 7;
  });
  const low = lowestOf(week);
  return {
    latest: last ? { mood: last.mood, date: last.date } : null,
    lowest_7_days: low ? { mood: low.mood, date: low.date } : null,
    entries_7_days: week.length,
  };
}

/** "4 of 10 (3 Dec)": a mood always with its scale and its day. */
export function moodReading(r: MoodReading, format: (ymd: string) => string): string {
  return t('journal.mood.reading', { mood: fmt(r.mood), date: format(r.date) });
}

/** For the client overview: "lowest this week 1 of 10 (1 Dec)", or that there was no rating in those 7 days. */
export function lowestThisWeek(s: MoodSummary, format: (ymd: string) => string): string {
  if (!s.lowest_7_days) return t('journal.mood.noneThisWeek');
  const n = s.entries_7_days;
  return t('journal.mood.lowestThisWeek', { reading: moodReading(s.lowest_7_days, format), n });
}
