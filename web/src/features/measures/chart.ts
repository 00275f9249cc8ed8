import type { MeasureSeries, SeriesBand } from '../../api/types';

/**
 * Geometry of the questionnaire chart: a score over time on the instrument's range, with the
 * severity bands as shaded strips, the clinical cut-off as a line and the reliable-change
 * corridor (baseline ± 1.96·SEdiff) as a strip around the first administration. Pure.
 */

export interface Frame {
  width: number;
  height: number;
  /** Space for the y labels on the left and the dates below. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface PlotBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function plotBox(f: Frame): PlotBox {
  return { x: f.left, y: f.top, width: Math.max(1, f.width - f.left - f.right), height: Math.max(1, f.height - f.top - f.bottom) };
}

/** A value to y: the top of the range at the top of the box. Values outside the range are clamped. */
export function yScale(range: readonly [number, number], box: PlotBox): (value: number) => number {
  const [lo, hi] = range[0] <= range[1] ? range : [range[1], range[0]];
  const span = hi - lo || 1;
  return (value) => {
    const v = Math.min(hi, Math.max(lo, value));
    return box.y + box.height - ((v - lo) / span) * box.height;
  };
}

/** Times to x, proportional to time; one point (or all at the same time) sits in the middle. */
export function xScale(times: readonly number[], box: PlotBox, pad = 0): (t: number) => number {
  const finite = times.filter(Number.isFinite);
  if (finite.length === 0) return () => box.x + box.width / 2;
  const first = Math.min(...finite);
  const last = Math.max(...finite);
  if (first === last) return () => box.x + box.width / 2;
  const inner = Math.max(1, box.width - 2 * pad);
  return (t) => box.x + pad + ((t - first) / (last - first)) * inner;
}

export type Severity = 0 | 1 | 2 | 3 | 4;

export interface BandRect {
  label: string;
  from: number;
  to: number;
  y: number;
  height: number;
  /** 0 = the best band, 4 = the worst; drives the shading. */
  severity: Severity;
}

/**
 * One strip per band, from its lower bound to the next band's (the last to the top of the range).
 * Severity follows `better`: with "lower is better" the lowest band is 0; with "higher" the highest.
 */
export function bandRects(bands: readonly SeriesBand[], range: readonly [number, number], better: 'lower' | 'higher', box: PlotBox): BandRect[] {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  const y = yScale(range, box);
  const hi = Math.max(range[0], range[1]);
  const lo = Math.min(range[0], range[1]);
  const n = sorted.length;
  return sorted
    .map((band, i) => {
      const from = Math.max(lo, band.min);
      const to = Math.min(hi, i + 1 < n ? sorted[i + 1]!.min : hi);
      const rank = better === 'lower' ? i : n - 1 - i;
      const severity = (n <= 1 ? 0 : Math.round((rank / (n - 1)) * 4)) as Severity;
      return { label: band.label, from, to, y: y(to), height: Math.max(0, y(from) - y(to)), severity };
    })
    .filter((b) => b.to > b.from);
}

export interface Corridor {
  baseline: number;
  low: number;
  high: number;
  y: number;
  height: number;
  baselineY: number;
}

/** The band around the baseline within which a change is not reliable, clipped to the range. */
export function corridor(
  rc: { baseline: number; threshold: number } | null,
  range: readonly [number, number],
  box: PlotBox,
): Corridor | null {
  if (!rc || !Number.isFinite(rc.baseline) || !Number.isFinite(rc.threshold) || rc.threshold <= 0) return null;
  const lo = Math.min(range[0], range[1]);
  const hi = Math.max(range[0], range[1]);
  const low = Math.max(lo, rc.baseline - rc.threshold);
  const high = Math.min(hi, rc.baseline + rc.threshold);
  const y = yScale(range, box);
  return { baseline: rc.baseline, low, high, y: y(high), height: Math.max(0, y(low) - y(high)), baselineY: y(rc.baseline) };
}

/** About `count` round ticks across the range, always including both ends. */
export function valueTicks(range: readonly [number, number], count = 5): number[] {
  const lo = Math.min(range[0], range[1]);
  const hi = Math.max(range[0], range[1]);
  const span = hi - lo;
  if (span <= 0) return [lo];
  const raw = span / Math.max(1, count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  // The round step nearest to the raw one (on a log scale), so 0–27 gets 5s rather than 10s.
  const step = [1, 2, 2.5, 5, 10]
    .map((m) => m * mag)
    .reduce((best, s) => (Math.abs(Math.log(s / raw)) < Math.abs(Math.log(best / raw)) ? s : best));
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) ticks.push(Number(v.toFixed(6)));
  if (ticks[0] !== lo) ticks.unshift(lo);
  if (ticks[ticks.length - 1] !== hi) ticks.push(hi);
  // Drop a tick that would sit on top of an end label.
  const minGap = step * 0.5;
  return ticks.filter((t, i) => i === 0 || i === ticks.length - 1 || (t - lo >= minGap && hi - t >= minGap));
}

export interface PlotPoint {
  x: number;
  y: number;
  value: number;
  at: string;
  band: string | null;
  responseId: string;
}

export interface MeasureChartModel {
  box: PlotBox;
  bands: BandRect[];
  cutoffY: number | null;
  corridor: Corridor | null;
  points: PlotPoint[];
  /** Runs of scored points; an unscored administration breaks the line. */
  segments: PlotPoint[][];
  yTicks: { value: number; y: number }[];
  xTicks: { at: string; x: number }[];
  /** Attended sessions within the time the chart spans, marked on its time axis. */
  sessionMarks: { at: string; x: number }[];
}

/**
 * The range to draw: the scale's published range, or (when a scale has none) what the bands,
 * the cut-off, the corridor and the points span.
 */
export function effectiveRange(series: Pick<MeasureSeries, 'range' | 'bands' | 'cutoff' | 'points' | 'reliable_change'>): [number, number] {
  if (Array.isArray(series.range) && series.range.length === 2 && series.range.every(Number.isFinite) && series.range[0] !== series.range[1]) {
    return [Math.min(series.range[0], series.range[1]), Math.max(series.range[0], series.range[1])];
  }
  const values = [
    ...series.bands.map((b) => b.min),
    ...series.points.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v)),
  ];
  if (series.cutoff !== null) values.push(series.cutoff);
  const rc = series.reliable_change;
  if (rc) values.push(rc.baseline - rc.threshold, rc.baseline + rc.threshold);
  if (values.length === 0) return [0, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

/** Everything the SVG needs, in its own coordinates. */
export function measureChart(input: MeasureSeries, frame: Frame, maxDateTicks = 4, sessions: readonly string[] = []): MeasureChartModel {
  const series = { ...input, range: effectiveRange(input) };
  const box = plotBox(frame);
  const y = yScale(series.range, box);
  const sorted = [...series.points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const x = xScale(
    sorted.map((p) => Date.parse(p.at)),
    box,
    12,
  );
  const points: PlotPoint[] = [];
  const segments: PlotPoint[][] = [];
  let run: PlotPoint[] = [];
  for (const p of sorted) {
    if (p.value === null || !Number.isFinite(p.value)) {
      if (run.length) segments.push(run);
      run = [];
      continue;
    }
    const point = { x: x(Date.parse(p.at)), y: y(p.value), value: p.value, at: p.at, band: p.band, responseId: p.response_id };
    points.push(point);
    run.push(point);
  }
  if (run.length) segments.push(run);
  const lo = Math.min(series.range[0], series.range[1]);
  const hi = Math.max(series.range[0], series.range[1]);
  const cutoffY = series.cutoff !== null && series.cutoff >= lo && series.cutoff <= hi ? y(series.cutoff) : null;
  const ticksAt = pickTicks(
    sorted.map((p) => p.at),
    maxDateTicks,
  );
  return {
    box,
    bands: bandRects(series.bands, series.range, series.better, box),
    cutoffY,
    corridor: corridor(series.reliable_change, series.range, box),
    points,
    segments,
    yTicks: valueTicks(series.range).map((v) => ({ value: v, y: y(v) })),
    xTicks: ticksAt.map((at) => ({ at, x: x(Date.parse(at)) })),
    sessionMarks: sessionMarks(
      sorted.map((p) => Date.parse(p.at)),
      sessions,
      x,
    ),
  };
}

/** The sessions that fall between the first and the last administration, give or take a day (a
 * session on the day of an administration belongs to it; one further out would sit off the
 * axis), at their place on the time axis, oldest first. */
const DAY_MS = 24 * 3600 * 1000;

export function sessionMarks(times: readonly number[], sessions: readonly string[], x: (t: number) => number): { at: string; x: number }[] {
  const finite = times.filter(Number.isFinite);
  if (finite.length < 2) return [];
  const first = Math.min(...finite);
  const last = Math.max(...finite);
  return sessions
    .map((at) => ({ at, t: Date.parse(at) }))
    .filter((s) => Number.isFinite(s.t) && s.t >= first - DAY_MS && s.t <= last + DAY_MS)
    .sort((a, b) => a.t - b.t)
    .map((s) => ({ at: s.at, x: x(s.t) }));
}

/** At most `max` of the times, evenly chosen, always the first and the last. */
export function pickTicks(times: readonly string[], max: number): string[] {
  if (times.length <= max) return [...times];
  const out: string[] = [];
  for (let i = 0; i < max; i++) out.push(times[Math.round((i * (times.length - 1)) / (max - 1))]!);
  return [...new Set(out)];
}

export function pathPoints(points: readonly { x: number; y: number }[]): string {
  return points.map((p) => `${round(p.x)},${round(p.y)}`).join(' ');
}

export function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/**
 * Where a value lies relative to the reliable-change corridor around the baseline: inside it,
 * or outside as a reliable improvement / deterioration (direction from `better`).
 */
export function versusCorridor(
  value: number,
  rc: { baseline: number; threshold: number } | null,
  better: 'lower' | 'higher',
): 'baseline' | 'within' | 'improved' | 'deteriorated' | 'unknown' {
  if (!rc || !(rc.threshold > 0)) return 'unknown';
  const diff = value - rc.baseline;
  if (Math.abs(diff) <= rc.threshold + 1e-9) return 'within';
  return diff < 0 === (better === 'lower') ? 'improved' : 'deteriorated';
}
