import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addDays,
  fetchRange,
  groupByDay,
  isoToLocal,
  localToIso,
  localYmd,
  mondayOf,
  nextByClient,
  overlapping,
  parseYmd,
  timeRange,
  upcoming,
  weekDays,
  weekFromParam,
  weekdayIndex,
} from './week';

// A zone with daylight saving, so that the weeks with a clock change are really tested (Node
// reads TZ again whenever it is set; it is put back for whatever runs next in this worker).
beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Berlin');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('calendar days', () => {
  it('accepts real days only', () => {
    expect(parseYmd('2026-12-01')).toEqual({ y: 2026, m: 12, d: 1 });
    expect(parseYmd('2026-02-29')).toBeNull();
    expect(parseYmd('2028-02-29')).toEqual({ y: 2028, m: 2, d: 29 });
    expect(parseYmd('1.12.2026')).toBeNull();
    expect(parseYmd('')).toBeNull();
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('finds the Monday of any day, Sunday belonging to the week before it', () => {
    expect(weekdayIndex('2026-11-30')).toBe(0); // a Monday
    expect(mondayOf('2026-12-03')).toBe('2026-11-30');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // Sunday
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it('gives seven consecutive days even in the weeks the clocks change', () => {
    // Europe: clocks go forward on 29 March 2026 and back on 25 October 2026 (both Sundays).
    expect(weekDays('2026-03-23')).toEqual(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
    expect(weekDays('2026-10-19').at(-1)).toBe('2026-10-25');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(mondayOf('2026-03-29')).toBe('2026-03-23');
  });

  it('reads the week from the address, falling back to this week', () => {
    expect(weekFromParam('2026-12-03', '2026-11-29')).toBe('2026-11-30');
    expect(weekFromParam(null, '2026-11-29')).toBe('2026-11-23');
    expect(weekFromParam('nonsense', '2026-11-29')).toBe('2026-11-23');
  });

  it('asks the server for a day more on each side of the week (its `to` is exclusive)', () => {
    expect(fetchRange('2026-11-30')).toEqual({ from: '2026-11-29', to: '2026-12-08' });
  });
});

describe('local times and instants', () => {
  it('turns a local day and time into UTC with that day’s offset', () => {
    expect(localToIso('2026-12-01', '09:00')).toBe('2026-12-01T08:00:00.000Z'); // winter, UTC+1
    expect(localToIso('2026-07-01', '09:00')).toBe('2026-07-01T07:00:00.000Z'); // summer, UTC+2
    // The day after the clocks go forward.
    expect(localToIso('2026-03-30', '09:00')).toBe('2026-03-30T07:00:00.000Z');
    expect(localToIso('2026-03-28', '09:00')).toBe('2026-03-28T08:00:00.000Z');
  });

  it('refuses a time the clocks skip, and nonsense', () => {
    expect(localToIso('2026-03-29', '02:30')).toBeNull();
    expect(localToIso('2026-03-29', '03:30')).toBe('2026-03-29T01:30:00.000Z');
    expect(localToIso('2026-12-01', '24:00')).toBeNull();
    expect(localToIso('2026-12-01', '9')).toBeNull();
    expect(localToIso('2026-02-30', '09:00')).toBeNull();
  });

  it('reads an instant back as the local day and time', () => {
    expect(isoToLocal('2026-12-01T08:00:00Z')).toEqual({ date: '2026-12-01', time: '09:00' });
    // 23:30 UTC on 31 December is already New Year in Berlin.
    expect(localYmd(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(timeRange({ starts_at: '2026-12-01T08:00:00Z', duration_min: 50 })).toBe('09:00–09:50');
  });
});

describe('sorting sessions into days', () => {
  const s = (starts_at: string, duration_min = 50, status = 'scheduled') => ({ starts_at, duration_min, status });

  it('puts each session on its local day, earliest first, and drops those outside the week', () => {
    const days = weekDays('2026-11-30');
    const grouped = groupByDay(
      [
        s('2026-12-01T14:00:00Z'),
        s('2026-12-01T08:00:00Z'),
        s('2026-12-06T23:30:00Z'), // Monday 7 December 00:30 in Berlin: next week
        s('2026-11-29T23:15:00Z'), // Monday 30 November 00:15 in Berlin
        s('2026-11-29T10:00:00Z'), // the Sunday before
      ],
      days,
    );
    expect([...grouped.keys()]).toEqual(days);
    expect(grouped.get('2026-12-01')!.map((x) => x.starts_at)).toEqual(['2026-12-01T08:00:00Z', '2026-12-01T14:00:00Z']);
    expect(grouped.get('2026-11-30')!.map((x) => x.starts_at)).toEqual(['2026-11-29T23:15:00Z']);
    expect(grouped.get('2026-12-06')).toEqual([]);
    expect([...grouped.values()].flat()).toHaveLength(3);
  });

  it('knows each client’s next session: still scheduled, not over, the earliest', () => {
    const now = Date.parse('2026-12-01T09:20:00Z');
    const list = [
      { id: 'later', client_id: 'c1', starts_at: '2026-12-08T09:00:00Z', duration_min: 50, status: 'scheduled' },
      { id: 'running', client_id: 'c1', starts_at: '2026-12-01T09:00:00Z', duration_min: 50, status: 'scheduled' },
      { id: 'done', client_id: 'c2', starts_at: '2026-12-01T10:00:00Z', duration_min: 50, status: 'attended' },
      { id: 'cancelled', client_id: 'c2', starts_at: '2026-12-02T10:00:00Z', duration_min: 50, status: 'cancelled' },
      { id: 'over', client_id: 'c3', starts_at: '2026-12-01T08:00:00Z', duration_min: 50, status: 'scheduled' },
      { id: 'case', client_id: null, starts_at: '2026-12-01T11:00:00Z', duration_min: 90, status: 'scheduled' },
    ];
    expect(upcoming(list, now).map((s) => s.id)).toEqual(['running', 'case', 'later']);
    expect([...nextByClient(list, now)].map(([c, s]) => [c, s.id])).toEqual([['c1', 'running']]);
  });

  it('finds overlapping sessions, ignoring cancelled ones and back-to-back ones', () => {
    const others = [s('2026-12-01T08:00:00Z'), s('2026-12-01T09:00:00Z', 50, 'cancelled'), s('2026-12-01T10:00:00Z')];
    expect(overlapping(others, '2026-12-01T08:30:00Z', 50)).toEqual([others[0]]);
    expect(overlapping(others, '2026-12-01T08:50:00Z', 70)).toEqual([]);
    expect(overlapping(others, '2026-12-01T08:50:00Z', 71)).toEqual([others[2]]);
  });
});
