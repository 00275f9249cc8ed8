import { describe, expect, it } from 'vitest';
import { balanceSeries, dateTicks, dayNumber, scaleY, sparkline, timeline, xForDays } from './charts';

const box = { x: 10, y: 5, width: 100, height: 40 };

describe('sparkline', () => {
  it('maps 10 to the top and 0 to the bottom of the box, oldest on the left', () => {
    const pts = sparkline([0, 5, 10], box);
    expect(pts.map((p) => p.x)).toEqual([10, 60, 110]);
    expect(pts.map((p) => p.y)).toEqual([45, 25, 5]);
  });
  it('draws a single rating in the middle and nothing for none', () => {
    expect(sparkline([7], box)).toEqual([{ x: 60, y: scaleY(7, box), value: 7 }]);
    expect(sparkline([], box)).toEqual([]);
  });
  it('clamps values outside 0–10 to the box', () => {
    expect(scaleY(12, box)).toBe(5);
    expect(scaleY(-1, box)).toBe(45);
  });
});

describe('balanceSeries', () => {
  const points = [
    { date: '2026-03-10', resource_availability: 6, resource_activation: 4, problem_intensity: null, goal_progress: 2 },
    { date: '2026-03-01', resource_availability: 4, resource_activation: 3, problem_intensity: 8, goal_progress: null },
    { date: '2026-03-20', resource_availability: 7, resource_activation: null, problem_intensity: 5, goal_progress: 3 },
  ];

  it('sorts by date and places days proportionally in time', () => {
    const [avail] = balanceSeries(points, box);
    expect(avail!.segments).toHaveLength(1);
    expect(avail!.segments[0]!.map((p) => p.x)).toEqual([10, 10 + (9 / 19) * 100, 110]);
    expect(avail!.segments[0]!.map((p) => p.value)).toEqual([4, 6, 7]);
  });

  it('breaks a line where a day has no value', () => {
    const series = balanceSeries(points, box);
    const problems = series.find((s) => s.key === 'problem_intensity')!;
    expect(problems.segments.map((s) => s.map((p) => p.value))).toEqual([[8], [5]]);
    const activation = series.find((s) => s.key === 'resource_activation')!;
    expect(activation.segments.map((s) => s.length)).toEqual([2]);
  });

  it('puts a single day in the middle', () => {
    const x = xForDays([dayNumber('2026-01-01')], box);
    expect(x(dayNumber('2026-01-01'))).toBe(60);
  });

  it('reads dates as calendar days, whatever the time zone', () => {
    expect(dayNumber('2026-03-02') - dayNumber('2026-03-01')).toBe(1);
    expect(dayNumber('2026-01-01') - dayNumber('2025-12-31')).toBe(1);
  });

  it('chooses at most a few date ticks, keeping the first and the last', () => {
    const dates = Array.from({ length: 30 }, (_, i) => `2026-04-${String(i + 1).padStart(2, '0')}`);
    const ticks = dateTicks(dates, 4);
    expect(ticks).toHaveLength(4);
    expect(ticks[0]).toBe('2026-04-01');
    expect(ticks[3]).toBe('2026-04-30');
    expect(dateTicks(['2026-01-02', '2026-01-01'], 4)).toEqual(['2026-01-01', '2026-01-02']);
  });
});

describe('timeline', () => {
  const now = Date.parse('2026-05-11T12:00:00Z');

  it('runs from the first rating to now in days, now meaning no `at`', () => {
    const t = timeline('2026-05-01T09:30:00Z', now)!;
    expect(t.steps).toBe(11);
    expect(t.atFor(0)).toBe('2026-05-01T09:30:00.000Z');
    expect(t.atFor(3)).toBe('2026-05-04T09:30:00.000Z');
    expect(t.atFor(11)).toBeNull();
    expect(t.atFor(99)).toBeNull();
    expect(t.positionOf(null)).toBe(11);
    expect(t.positionOf('2026-05-04T10:00:00Z')).toBe(3);
  });

  it('has two positions when everything was rated today', () => {
    const t = timeline('2026-05-11T11:59:00Z', now)!;
    expect(t.steps).toBe(1);
    expect(t.atFor(0)).toBe('2026-05-11T11:59:00.000Z');
    expect(t.atFor(1)).toBeNull();
  });

  it('has no slider before the first rating', () => {
    expect(timeline(null, now)).toBeNull();
    expect(timeline('not a date', now)).toBeNull();
  });
});
