import { describe, expect, it } from 'vitest';
import { dayNumber, inTimeOrder, lowestThisWeek, moodGeometry, moodReading, moodSummary, summariseMood } from './moodchart';
import type { MoodPoint } from '../../shared/journal/types';

const frame = { width: 120, height: 70, left: 10, right: 10, top: 10, bottom: 10 };
// The plot box is x 10..110, y 10..60.

const at = (date: string, time: string, mood: number, entry_id?: string): MoodPoint => ({
  date,
  at: `${date}T${time}:00Z`,
  mood,
  ...(entry_id ? { entry_id } : {}),
});

describe('moodGeometry', () => {
  it('puts 0 at the bottom and 10 at the top of the box, clamping outliers', () => {
    const g = moodGeometry([at('2026-11-01', '12:00', 0), at('2026-11-02', '12:00', 10), at('2026-11-03', '12:00', 5), at('2026-11-04', '12:00', 14)], frame);
    expect(g.dots.map((d) => d.y)).toEqual([60, 10, 35, 10]);
    expect(g.yTicks).toEqual([
      { value: 0, y: 60 },
      { value: 5, y: 35 },
      { value: 10, y: 10 },
    ]);
  });

  it('spaces ratings by their days, not by their number, and sorts them', () => {
    const g = moodGeometry([at('2026-11-11', '12:00', 5), at('2026-11-01', '12:00', 5), at('2026-11-03', '12:00', 5)], frame);
    expect(g.dots.map((d) => [d.date, d.x])).toEqual([
      ['2026-11-01', 10],
      ['2026-11-03', 30],
      ['2026-11-11', 110],
    ]);
    expect(g.path).toBe('M10 35 L30 35 L110 35');
    expect(g.xTicks.map((t) => t.date)).toEqual(['2026-11-01', '2026-11-11']);
  });

  it('shows every entry of a day as its own dot: a low is never averaged away', () => {
    const g = moodGeometry([at('2026-11-01', '08:00', 8, 'a'), at('2026-11-01', '20:00', 1, 'b'), at('2026-11-02', '08:00', 7, 'c')], frame);
    expect(g.dots).toHaveLength(3);
    expect(g.dots.map((d) => d.mood)).toEqual([8, 1, 7]);
    expect(g.dots.map((d) => d.key)).toEqual(['a', 'b', 'c']);
    // Two on the first day (at a third and two thirds of it), one in the middle of the next.
    expect(g.dots.map((d) => d.x)).toEqual([10, 38.6, 110]);
    expect(Math.max(...g.dots.map((d) => d.y))).toBe(55);
  });

  it('follows the entry’s day, not when it was stored (a day written up later stays on its day)', () => {
    const g = moodGeometry([at('2026-11-03', '09:00', 6, 'late'), { date: '2026-11-01', at: '2026-11-03T10:00:00Z', mood: 2, entry_id: 'backdated' }], frame);
    expect(g.dots.map((d) => d.key)).toEqual(['backdated', 'late']);
    expect(g.dots.map((d) => d.x)).toEqual([10, 110]);
  });

  it('orders points without a time first within their day (older answers)', () => {
    const g = moodGeometry([{ date: '2026-11-01', mood: 4 }, at('2026-11-01', '18:00', 6)], frame);
    expect(g.dots.map((d) => d.mood)).toEqual([4, 6]);
    expect(g.xTicks).toHaveLength(1);
  });

  it('centres a single rating and draws nothing for no data', () => {
    const one = moodGeometry([at('2026-11-01', '09:30', 7.5, 'e1')], frame);
    expect(one.dots).toEqual([{ x: 60, y: 22.5, date: '2026-11-01', mood: 7.5, key: 'e1' }]);
    expect(one.xTicks).toHaveLength(1);
    const none = moodGeometry([], frame);
    expect(none.dots).toEqual([]);
    expect(none.path).toBe('');
    expect(none.xTicks).toEqual([]);
  });

  it('counts days across month and year ends', () => {
    expect(dayNumber('2027-01-01') - dayNumber('2026-12-31')).toBe(1);
    expect(dayNumber('2026-03-30') - dayNumber('2026-03-29')).toBe(1);
    expect(dayNumber('nope')).toBeNaN();
  });

  it('keeps the given order for equal times and drops what cannot be placed', () => {
    const list = inTimeOrder([at('2026-11-01', '10:00', 3, 'x'), at('2026-11-01', '10:00', 4, 'y'), { date: 'bad', mood: 2 }]);
    expect(list.map((p) => p.entry_id)).toEqual(['x', 'y']);
  });
});

describe('moodSummary', () => {
  const f = (d: string) => d;
  it('reads the first, the latest and the lowest rating', () => {
    expect(moodSummary([], f)).toBe('No mood ratings yet.');
    expect(moodSummary([at('2026-11-01', '10:00', 4)], f)).toBe('One mood rating: 4 of 10 on 2026-11-01.');
    expect(moodSummary([at('2026-11-09', '10:00', 8), at('2026-11-05', '10:00', 1), at('2026-11-01', '10:00', 3)], f)).toBe(
      '3 mood ratings, from 2026-11-01 (3 of 10) to 2026-11-09 (8 of 10); the lowest was 1 of 10 on 2026-11-05.',
    );
  });
});

describe('summariseMood (when the server sends no mood_summary)', () => {
  it('takes the latest rating and the lowest of today and the 6 days before', () => {
    const points = [at('2026-11-19', '10:00', 0), at('2026-11-24', '09:00', 2), at('2026-11-24', '21:00', 6), at('2026-11-26', '10:00', 5)];
    expect(summariseMood(points, '2026-11-26')).toEqual({
      latest: { mood: 5, date: '2026-11-26' },
      lowest_7_days: { mood: 2, date: '2026-11-24' },
      entries_7_days: 3,
    });
    expect(summariseMood([], '2026-11-26')).toEqual({ latest: null, lowest_7_days: null, entries_7_days: 0 });
    expect(summariseMood([at('2026-11-01', '10:00', 3)], '2026-11-26').lowest_7_days).toBeNull();
  });
});

describe('mood wording', () => {
  const f = (d: string) => d.slice(5);
  it('always gives the scale and the day', () => {
    expect(moodReading({ mood: 4, date: '2026-12-03' }, f)).toBe('4 of 10 (12-03)');
    expect(lowestThisWeek({ latest: null, lowest_7_days: { mood: 1, date: '2026-12-01' }, entries_7_days: 3 }, f)).toBe(
      'lowest this week 1 of 10 (12-01), of 3 ratings in the last 7 days',
    );
    expect(lowestThisWeek({ latest: null, lowest_7_days: { mood: 1, date: '2026-12-01' }, entries_7_days: 1 }, f)).toMatch(/of 1 rating in/);
    expect(lowestThisWeek({ latest: { mood: 6, date: '2026-11-01' }, lowest_7_days: null, entries_7_days: 0 }, f)).toBe(
      'no mood rating in the last 7 days',
    );
  });
});
