import { describe, expect, it } from 'vitest';
import type { MeasureSeries } from '../../api/types';
import { bandRects, effectiveRange, corridor, measureChart, pickTicks, plotBox, sessionMarks, valueTicks, versusCorridor, xScale, yScale, type Frame } from './chart';

const frame: Frame = { width: 400, height: 240, left: 40, right: 10, top: 10, bottom: 30 };
const box = plotBox(frame); // x 40, y 10, 350 × 200

const PHQ_BANDS = [
  { min: 0, label: 'Minimal' },
  { min: 5, label: 'Mild' },
  { min: 10, label: 'Moderate' },
  { min: 15, label: 'Moderately severe' },
  { min: 20, label: 'Severe' },
];

function series(over: Partial<MeasureSeries> = {}): MeasureSeries {
  return {
    instrument: {} as MeasureSeries['instrument'],
    scale: 'total',
    range: [0, 27],
    better: 'lower',
    bands: PHQ_BANDS,
    cutoff: 10,
    reliable_change: { sediff: 3.1, threshold: 6.1, baseline: 18 },
    points: [
      { response_id: 'a', at: '2026-10-01T10:00:00Z', value: 18, band: 'Moderately severe' },
      { response_id: 'b', at: '2026-10-15T10:00:00Z', value: null, band: null },
      { response_id: 'c', at: '2026-10-29T10:00:00Z', value: 9, band: 'Mild' },
    ],
    ...over,
  };
}

describe('scales', () => {
  it('puts the top of the range at the top and clamps outliers', () => {
    const y = yScale([0, 27], box);
    expect(y(0)).toBe(210);
    expect(y(27)).toBe(10);
    expect(y(13.5)).toBe(110);
    expect(y(40)).toBe(10);
    expect(y(-3)).toBe(210);
  });

  it('spaces times proportionally and centres a single one', () => {
    const x = xScale([0, 100, 400], box);
    expect(x(0)).toBe(40);
    expect(x(400)).toBe(390);
    expect(x(100)).toBeCloseTo(127.5);
    expect(xScale([5], box)(5)).toBe(215);
    expect(xScale([0, 100], box, 10)(0)).toBe(50);
  });

  it('chooses round value ticks including both ends', () => {
    expect(valueTicks([0, 27])).toEqual([0, 5, 10, 15, 20, 27]);
    expect(valueTicks([1, 5])).toEqual([1, 2, 3, 4, 5]);
    expect(valueTicks([0, 100])).toEqual([0, 25, 50, 75, 100]);
    expect(valueTicks([3, 3])).toEqual([3]);
  });

  it('picks at most n date ticks, first and last included', () => {
    expect(pickTicks(['a', 'b'], 4)).toEqual(['a', 'b']);
    expect(pickTicks(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 3)).toEqual(['a', 'd', 'g']);
  });
});

describe('bands', () => {
  it('shades each band up to the next, the last to the top of the range', () => {
    const rects = bandRects(PHQ_BANDS, [0, 27], 'lower', box);
    expect(rects.map((r) => [r.from, r.to])).toEqual([
      [0, 5],
      [5, 10],
      [10, 15],
      [15, 20],
      [20, 27],
    ]);
    const y = yScale([0, 27], box);
    expect(rects[4]!.y).toBe(10);
    expect(rects[0]!.y + rects[0]!.height).toBeCloseTo(210);
    expect(rects[2]!.height).toBeCloseTo(y(10) - y(15));
  });

  it('grades severity by which way is better', () => {
    expect(bandRects(PHQ_BANDS, [0, 27], 'lower', box).map((r) => r.severity)).toEqual([0, 1, 2, 3, 4]);
    expect(bandRects(PHQ_BANDS, [0, 27], 'higher', box).map((r) => r.severity)).toEqual([4, 3, 2, 1, 0]);
    const two = bandRects(
      [
        { min: 0, label: 'Low' },
        { min: 13, label: 'High' },
      ],
      [0, 25],
      'higher',
      box,
    );
    expect(two.map((r) => r.severity)).toEqual([4, 0]);
  });
});

describe('reliable-change corridor', () => {
  it('spans baseline ± threshold', () => {
    const c = corridor({ baseline: 18, threshold: 6.1 }, [0, 27], box)!;
    const y = yScale([0, 27], box);
    expect(c.low).toBeCloseTo(11.9);
    expect(c.high).toBeCloseTo(24.1);
    expect(c.y).toBeCloseTo(y(24.1));
    expect(c.y + c.height).toBeCloseTo(y(11.9));
    expect(c.baselineY).toBeCloseTo(y(18));
  });

  it('is clipped to the range and absent without a threshold', () => {
    const c = corridor({ baseline: 3, threshold: 6.1 }, [0, 27], box)!;
    expect(c.low).toBe(0);
    expect(c.y + c.height).toBe(210);
    expect(corridor(null, [0, 27], box)).toBeNull();
    expect(corridor({ baseline: 3, threshold: 0 }, [0, 27], box)).toBeNull();
  });
});

describe('measureChart', () => {
  it('places scored points, breaks the line at an unscored one, and draws the cut-off', () => {
    const m = measureChart(series(), frame);
    expect(m.points.map((p) => p.responseId)).toEqual(['a', 'c']);
    expect(m.segments).toHaveLength(2);
    expect(m.cutoffY).toBeCloseTo(yScale([0, 27], box)(10));
    expect(m.corridor).not.toBeNull();
    expect(m.xTicks.map((t) => t.at)).toEqual(series().points.map((p) => p.at));
    expect(m.points[0]!.x).toBe(52);
    expect(m.points[1]!.x).toBe(378);
  });

  it('omits a cut-off outside the range or missing', () => {
    expect(measureChart(series({ cutoff: null }), frame).cutoffY).toBeNull();
    expect(measureChart(series({ cutoff: 40 }), frame).cutoffY).toBeNull();
  });
});

describe('versusCorridor', () => {
  const rc = { baseline: 18, threshold: 6.1 };
  it('is direction-aware outside the corridor', () => {
    expect(versusCorridor(9, rc, 'lower')).toBe('improved');
    expect(versusCorridor(25, rc, 'lower')).toBe('deteriorated');
    expect(versusCorridor(9, rc, 'higher')).toBe('deteriorated');
    expect(versusCorridor(25, rc, 'higher')).toBe('improved');
  });
  it('treats the corridor edge as not reliable, and knows nothing without a norm', () => {
    expect(versusCorridor(11.9, rc, 'lower')).toBe('within');
    expect(versusCorridor(18, rc, 'lower')).toBe('within');
    expect(versusCorridor(3, null, 'lower')).toBe('unknown');
  });
});

describe('effectiveRange', () => {
  it('uses the published range, or what the data span when a scale has none', () => {
    expect(effectiveRange(series())).toEqual([0, 27]);
    expect(effectiveRange(series({ range: null as unknown as [number, number], cutoff: null, reliable_change: null, bands: [] }))).toEqual([9, 18]);
    expect(effectiveRange(series({ range: null as unknown as [number, number] }))).toEqual([0, 24.1]);
    expect(effectiveRange(series({ range: null as unknown as [number, number], bands: [], cutoff: null, reliable_change: null, points: [] }))).toEqual([0, 1]);
  });
});

describe('session marks on the time axis', () => {
  const x = (t: number) => t / 1000;
  const times = [Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-03-01T00:00:00Z')];
  it('keeps only the sessions between the first and the last administration, oldest first', () => {
    const marks = sessionMarks(
      times,
      ['2026-02-10T09:00:00Z', '2025-12-01T09:00:00Z', '2026-01-15T09:00:00Z', '2026-04-01T09:00:00Z', 'nonsense', '2026-03-01T09:00:00Z'],
      x,
    );
    // The session on the day of the last administration counts; a month later does not.
    expect(marks.map((m) => m.at)).toEqual(['2026-01-15T09:00:00Z', '2026-02-10T09:00:00Z', '2026-03-01T09:00:00Z']);
    expect(marks[0]!.x).toBe(Date.parse('2026-01-15T09:00:00Z') / 1000);
  });
  it('marks nothing when the chart has a single administration', () => {
    expect(sessionMarks([times[0]!], ['2026-01-01T00:00:00Z'], x)).toEqual([]);
  });
});
