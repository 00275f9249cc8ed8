import type { BalancePoint } from '../../api/types';
import type { MessageKey } from '../i18n';

/** Scaling for the small SVG charts (sparklines, balance). Pure, so it can be tested. */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartPoint {
  x: number;
  y: number;
  value: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A 0–10 value to a y coordinate: 10 at the top of the box, 0 at the bottom. */
export function scaleY(value: number, box: Box): number {
  const v = Math.min(10, Math.max(0, value));
  return box.y + box.height - (v / 10) * box.height;
}

/**
 * Evenly spaced points for a sparkline of 0–10 values (oldest first). A single value is drawn
 * in the middle, so it still shows as a dot instead of sitting on the edge.
 */
export function sparkline(values: readonly number[], box: Box): ChartPoint[] {
  if (values.length === 0) return [];
  if (values.length === 1) return [{ x: box.x + box.width / 2, y: scaleY(values[0]!, box), value: values[0]! }];
  const step = box.width / (values.length - 1);
  return values.map((value, i) => ({ x: box.x + i * step, y: scaleY(value, box), value }));
}

export function polylinePoints(points: readonly { x: number; y: number }[]): string {
  return points.map((p) => `${round(p.x)},${round(p.y)}`).join(' ');
}

export type BalanceKey = 'resource_availability' | 'resource_activation' | 'problem_intensity' | 'goal_progress';

/** The four lines of the balance view; `label` and `short` are catalogue keys (see balanceLabel). */
export const BALANCE_SERIES: readonly { key: BalanceKey; label: MessageKey; short: MessageKey }[] = [
  { key: 'resource_availability', label: 'resources.balance.availability', short: 'resources.balance.availabilityShort' },
  { key: 'resource_activation', label: 'resources.balance.activation', short: 'resources.balance.activationShort' },
  { key: 'problem_intensity', label: 'resources.balance.problems', short: 'resources.balance.problemsShort' },
  { key: 'goal_progress', label: 'resources.balance.goals', short: 'resources.balance.goalsShort' },
];

export interface Series {
  key: BalanceKey;
  label: string;
  /** Runs of consecutive days with a value; a day without one breaks the line. */
  segments: ChartPoint[][];
}

/** "2026-11-03" as a UTC day number, so time zones never shift a point. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

/** x position of each day: proportional to time, a single day in the middle. */
export function xForDays(days: readonly number[], box: Box): (day: number) => number {
  if (days.length === 0) return () => box.x;
  const first = Math.min(...days);
  const last = Math.max(...days);
  if (first === last) return () => box.x + box.width / 2;
  return (day) => box.x + ((day - first) / (last - first)) * box.width;
}

export function balanceSeries(points: readonly BalancePoint[], box: Box): Series[] {
  const sorted = [...points].sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
  const x = xForDays(
    sorted.map((p) => dayNumber(p.date)),
    box,
  );
  return BALANCE_SERIES.map(({ key, label }) => {
    const segments: ChartPoint[][] = [];
    let current: ChartPoint[] = [];
    for (const p of sorted) {
      const value = p[key];
      if (value === null || value === undefined || Number.isNaN(value)) {
        if (current.length) segments.push(current);
        current = [];
        continue;
      }
      current.push({ x: x(dayNumber(p.date)), y: scaleY(value, box), value });
    }
    if (current.length) segments.push(current);
    return { key, label, segments };
  });
}

/**
 * Ticks for the time axis: at most `max` evenly chosen dates, always the first and the last.
 */
export function dateTicks(dates: readonly string[], max: number): string[] {
  const unique = [...new Set(dates)].sort((a, b) => dayNumber(a) - dayNumber(b));
  if (unique.length <= max) return unique;
  const out: string[] = [];
  for (let i = 0; i < max; i++) out.push(unique[Math.round((i * (unique.length - 1)) / (max - 1))]!);
  return [...new Set(out)];
}

/**
 * The date slider under the map runs from the first rating to now in steps of a day. Position
 * 0 is the first rating itself (so it is included), the last position is "now" (`at` omitted).
 */
export interface Timeline {
  steps: number;
  atFor: (position: number) => string | null;
  /** The position that shows `iso` (or the nearest earlier day). */
  positionOf: (iso: string | null) => number;
}

export function timeline(firstRatingAt: string | null, nowMs: number): Timeline | null {
  if (!firstRatingAt) return null;
  const first = Date.parse(firstRatingAt);
  if (Number.isNaN(first) || first > nowMs) return null;
  const steps = Math.max(1, Math.ceil((nowMs - first) / DAY_MS));
  return {
    steps,
    atFor: (position) => {
      const p = Math.round(Math.min(steps, Math.max(0, position)));
      if (p >= steps) return null;
      return new Date(first + p * DAY_MS).toISOString();
    },
    positionOf: (iso) => {
      if (iso === null) return steps;
      const t = Date.parse(iso);
      if (Number.isNaN(t)) return steps;
      return Math.min(steps, Math.max(0, Math.floor((t - first) / DAY_MS)));
    },
  };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
