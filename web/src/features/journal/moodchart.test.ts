import { describe, expect, it } from 'vitest';
import { dayNumber, moodGeometry, moodSummary } from './moodchart';

const frame = { width: 120, height: 70, left: 10, right: 10, top: 10, bottom: 10 };
// The plot box is x 10..110, y 10..60.

describe('moodGeometry', () => {
  it('puts 0 at the bottom and 10 at the top of the box, clamping outliers', () => {
    const g = moodGeometry(
      [
        { date: '2026-11-01', mood: 0, entries: 1 },
        { date: '2026-11-02', mood: 10, entries: 1 },
        { date: '2026-11-03', mood: 5, entries: 2 },
        { date: '2026-11-04', mood: 14, entries: 1 },
      ],
      frame,
    );
    expect(g.dots.map((d) => d.y)).toEqual([60, 10, 35, 10]);
    expect(g.yTicks).toEqual([
      { value: 0, y: 60 },
      { value: 5, y: 35 },
      { value: 10, y: 10 },
    ]);
  });

  it('spaces days by the calendar, not by the number of points, and sorts them', () => {
    const g = moodGeometry(
      [
        { date: '2026-11-11', mood: 5, entries: 1 },
        { date: '2026-11-01', mood: 5, entries: 1 },
        { date: '2026-11-03', mood: 5, entries: 1 },
      ],
      frame,
    );
    expect(g.dots.map((d) => [d.date, d.x])).toEqual([
      ['2026-11-01', 10],
      ['2026-11-03', 30],
      ['2026-11-11', 110],
    ]);
    expect(g.path).toBe('M10 35 L30 35 L110 35');
    expect(g.xTicks.map((t) => t.date)).toEqual(['2026-11-01', '2026-11-11']);
  });

  it('centres a single day and draws nothing for no data', () => {
    const one = moodGeometry([{ date: '2026-11-01', mood: 7.5, entries: 2 }], frame);
    expect(one.dots).toEqual([{ x: 60, y: 22.5, date: '2026-11-01', mood: 7.5 }]);
    expect(one.xTicks).toHaveLength(1);
    const none = moodGeometry([], frame);
    expect(none.dots).toEqual([]);
    expect(none.path).toBe('');
  });

  it('counts days across month and year ends', () => {
    expect(dayNumber('2027-01-01') - dayNumber('2026-12-31')).toBe(1);
    expect(dayNumber('2026-03-30') - dayNumber('2026-03-29')).toBe(1);
    expect(dayNumber('nope')).toBeNaN();
  });
});

describe('moodSummary', () => {
  it('reads the first and the last rating', () => {
    const f = (d: string) => d;
    expect(moodSummary([], f)).toBe('No mood ratings yet.');
    expect(moodSummary([{ date: '2026-11-01', mood: 4, entries: 1 }], f)).toBe('One mood rating: 4 of 10 on 2026-11-01.');
    expect(
      moodSummary(
        [
          { date: '2026-11-09', mood: 8, entries: 1 },
          { date: '2026-11-01', mood: 3.5, entries: 2 },
        ],
        f,
      ),
    ).toBe('2 days with a mood rating, from 2026-11-01 (3.5 of 10) to 2026-11-09 (8 of 10).');
  });
});
