import type { MoodPoint } from './types';

/** Geometry of the small mood trend: mood 0–10 up the side, days along the bottom. Pure. */

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

export function moodGeometry(points: readonly MoodPoint[], frame: Frame): MoodGeometry {
  const box = {
    x: frame.left,
    y: frame.top,
    width: Math.max(1, frame.width - frame.left - frame.right),
    height: Math.max(1, frame.height - frame.top - frame.bottom),
  };
  const valid = points
    .filter((p) => Number.isFinite(dayNumber(p.date)) && Number.isFinite(p.mood))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const y = (mood: number) => round(box.y + box.height - (Math.min(10, Math.max(0, mood)) / 10) * box.height);
  const days = valid.map((p) => dayNumber(p.date));
  const first = Math.min(...days);
  const last = Math.max(...days);
  const x = (day: number) => round(first === last ? box.x + box.width / 2 : box.x + ((day - first) / (last - first)) * box.width);
  const dots = valid.map((p, i) => ({ x: x(days[i]!), y: y(p.mood), date: p.date, mood: p.mood }));
  const path = dots.map((d, i) => `${i === 0 ? 'M' : 'L'}${d.x} ${d.y}`).join(' ');
  const yTicks = [0, 5, 10].map((value) => ({ value, y: y(value) }));
  const xTicks =
    dots.length === 0
      ? []
      : first === last
        ? [{ date: dots[0]!.date, x: dots[0]!.x }]
        : [
            { date: dots[0]!.date, x: dots[0]!.x },
            { date: dots[dots.length - 1]!.date, x: dots[dots.length - 1]!.x },
          ];
  return { box, dots, path, yTicks, xTicks };
}

/** A one-sentence reading of the trend for screen readers and the chart's label. */
export function moodSummary(points: readonly MoodPoint[], format: (ymd: string) => string): string {
  const valid = [...points].filter((p) => Number.isFinite(p.mood)).sort((a, b) => (a.date < b.date ? -1 : 1));
  if (valid.length === 0) return 'No mood ratings yet.';
  const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  const firstP = valid[0]!;
  const lastP = valid[valid.length - 1]!;
  if (valid.length === 1) return `One mood rating: ${fmt(firstP.mood)} of 10 on ${format(firstP.date)}.`;
  return `${valid.length} days with a mood rating, from ${format(firstP.date)} (${fmt(firstP.mood)} of 10) to ${format(lastP.date)} (${fmt(lastP.mood)} of 10).`;
}
