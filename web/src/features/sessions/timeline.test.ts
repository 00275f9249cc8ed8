import { describe, expect, it } from 'vitest';
import { countByKind, describeItem, excerpt, filterTimeline, groupTimeline, happened, moreLabel } from './timeline';
import type { TimelineItem } from '../../shared/sessions/types';

const items: TimelineItem[] = [
  { kind: 'rating', at: '2026-11-20T10:00:00Z', resource_id: 'r1', title: 'Sister Lena', activation: 5, availability: 7 },
  {
    kind: 'session',
    at: '2026-11-27T09:00:00Z',
    id: 's1',
    status: 'attended',
    modality: 'video',
    duration_min: 50,
    notes: [{ id: 'n1', template: 'resource', status: 'signed', author_id: 'u1' }],
  },
  { kind: 'score', at: '2026-11-27T08:00:00Z', instrument_id: 'phq9', total: 9, severity: 'mild' },
  { kind: 'journal', at: '2026-11-25T19:00:00Z', entry_id: 'e1', kind_of_entry: 'success', text: 'Coffee with Lena', mood: 8 },
  { kind: 'session', at: '2026-11-27T15:00:00Z', id: 's2', status: 'scheduled' },
];

const names = { instrument: (id: string) => (id === 'phq9' ? 'PHQ-9' : id), entryKind: (k: string) => (k === 'success' ? 'Went well' : k) };

describe('timeline', () => {
  it('groups by day, newest day first and newest first within a day', () => {
    const days = groupTimeline(items);
    expect(days.map((d) => d.items.length)).toEqual([3, 1, 1]);
    expect(days[0]!.items.map((i) => i.at)).toEqual(['2026-11-27T15:00:00Z', '2026-11-27T09:00:00Z', '2026-11-27T08:00:00Z']);
    expect(days.at(-1)!.items[0]!.kind).toBe('rating');
  });

  it('gathers the items of one kind on a day, the kind with the newest item first', () => {
    const day = (h: number, kind: 'rating' | 'journal' | 'session') =>
      kind === 'rating'
        ? ({ kind, at: `2026-11-20T${String(h).padStart(2, '0')}:00:00Z`, resource_id: `r${h}`, title: `R${h}`, activation: 1, availability: 1 } as TimelineItem)
        : kind === 'journal'
          ? ({ kind, at: `2026-11-20T${String(h).padStart(2, '0')}:00:00Z`, entry_id: `e${h}`, kind_of_entry: 'free', text: '', mood: null } as TimelineItem)
          : ({ kind, at: `2026-11-20T${String(h).padStart(2, '0')}:00:00Z` } as TimelineItem);
    const [d] = groupTimeline([day(9, 'rating'), day(10, 'session'), day(11, 'rating'), day(12, 'journal'), day(8, 'rating')]);
    expect(d!.runs.map((r) => [r.kind, r.items.length])).toEqual([
      ['journal', 1],
      ['rating', 3],
      ['session', 1],
    ]);
    expect(d!.runs[1]!.items.map((i) => i.at.slice(11, 13))).toEqual(['11', '09', '08']);
    expect(moreLabel('rating', 6)).toBe('Show 6 more resource ratings');
    expect(moreLabel('journal', 1)).toBe('Show 1 more journal entry');
  });

  it('keeps an unreadable time at the end instead of failing', () => {
    const days = groupTimeline([{ ...items[0]!, at: 'yesterday' } as TimelineItem, items[1]!]);
    expect(days.map((d) => d.day)).toEqual(['2026-11-27', 'unknown']);
  });

  it('leaves sessions that are only planned for later to “Upcoming”', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    const later: TimelineItem[] = [
      { kind: 'session', at: '2026-12-04T09:00:00Z', status: 'scheduled' },
      { kind: 'session', at: '2026-12-04T10:00:00Z', status: 'cancelled' },
    ];
    expect(happened([...items, ...later], now).map((i) => i.at)).toEqual([
      '2026-11-20T10:00:00Z',
      '2026-11-27T09:00:00Z',
      '2026-11-27T08:00:00Z',
      '2026-11-25T19:00:00Z',
      '2026-12-04T10:00:00Z',
    ]);
  });

  it('filters by kind; no choice means everything', () => {
    expect(filterTimeline(items, ['session']).map((i) => i.kind)).toEqual(['session', 'session']);
    expect(filterTimeline(items, [])).toHaveLength(5);
    expect(countByKind(items)).toEqual({ session: 2, rating: 1, score: 1, journal: 1 });
  });

  it('describes each kind in a line a person reads at a glance, without repeating the kind', () => {
    expect(describeItem(items[1]!, names)).toEqual({ title: 'Video session', detail: 'Attended · 50 min · Note signed' });
    expect(describeItem(items[4]!, names)).toEqual({ title: 'Session', detail: 'Scheduled · No note yet' });
    const joint: TimelineItem = { kind: 'session', at: '', modality: 'phone', case_id: 'k1', note_status: 'draft' };
    expect(describeItem(joint, names)).toEqual({ title: 'Phone session (joint)', detail: 'Note in draft' });
    expect(describeItem(items[0]!, names)).toEqual({ title: 'Sister Lena', detail: 'Available 7 of 10 · used 5 of 10' });
    expect(describeItem(items[2]!, names)).toEqual({ title: 'PHQ-9', detail: 'score 9 · mild' });
    expect(describeItem(items[3]!, names)).toEqual({ title: 'Went well', detail: '“Coffee with Lena” · Mood 8 of 10' });
    expect(describeItem({ kind: 'score', at: '', instrument_id: 'x', total: null, severity: null }, names).detail).toBe('not scored');
  });

  it('shortens long journal text on a word boundary', () => {
    const long = 'word '.repeat(100);
    const e = excerpt(long, 50);
    expect(e.endsWith('…')).toBe(true);
    expect(e.length).toBeLessThanOrEqual(51);
    expect(e).not.toMatch(/\s…$/);
    expect(excerpt('  short\n text ')).toBe('short text');
  });
});
