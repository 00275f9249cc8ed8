import { describe, expect, it } from 'vitest';
import { LOW_MOOD_MAX, isLowMood, lowMoodWords, sentEntry } from './lowMood';
import type { Entry } from '../../shared/journal/types';

describe('a very low mood in the journal', () => {
  it('is a mood of 2 or lower on 0–10', () => {
    expect(LOW_MOOD_MAX).toBe(2);
    expect([0, 1, 2].every(isLowMood)).toBe(true);
    expect(isLowMood(3)).toBe(false);
    expect(isLowMood(null)).toBe(false);
    expect(isLowMood(undefined)).toBe(false);
  });

  it('tells a private entry kindly that nobody at the practice sees it, and offers to share it', () => {
    const w = lowMoodWords({ shared: false, queued: false, promise: 'within one working day' });
    expect(w.about.join(' ')).toMatch(/private, so nobody at the practice will see it/);
    expect(w.about.join(' ')).toMatch(/share this entry, or tell your therapist/);
    expect(w.offerShare).toBe(true);
    expect(w.reviewPromise).toBeNull();
  });

  it('gives the review promise for a shared entry the practice has', () => {
    const w = lowMoodWords({ shared: true, queued: false, promise: 'within one working day' });
    expect(w.reviewPromise).toBe('within one working day');
    expect(w.offerShare).toBe(false);
  });

  it('is honest about an entry still waiting on the phone', () => {
    const shared = lowMoodWords({ shared: true, queued: true, promise: 'within one working day' });
    expect(shared.reviewPromise).toBeNull();
    expect(shared.about[0]).toBe(
      'This entry is shared with your therapist and will be sent as soon as this phone is online again. Once it has arrived, the practice will look at it within one working day.',
    );
    const kept = lowMoodWords({ shared: false, queued: true, promise: null });
    expect(kept.offerShare).toBe(false);
    expect(kept.about.join(' ')).toMatch(/waits on this phone/);
  });

  it('never raises its voice', () => {
    for (const shared of [true, false])
      for (const queued of [true, false]) {
        const w = lowMoodWords({ shared, queued, promise: null });
        for (const s of [w.lead, ...w.about]) expect(s).not.toMatch(/!/);
      }
  });
});

describe('sentEntry', () => {
  const entry = (id: string, text: string, mood: number | null): Entry => ({
    id,
    client_id: 'c1',
    kind: 'free',
    text,
    mood,
    strength_codes: [],
    resource_id: null,
    assignment_id: null,
    shared: false,
    entry_date: '2026-12-02',
    created_at: '2026-12-02T20:00:00Z',
    updated_at: '2026-12-02T20:00:00Z',
  });
  it('finds the entry just written among others sent in the same run', () => {
    const sent = [entry('old', 'Earlier, offline', 7), entry('new', 'A heavy evening.', 1), entry('later', 'x', 5)];
    expect(sentEntry(sent, { kind: 'free', text: 'A heavy evening.', mood: 1 })?.id).toBe('new');
    expect(sentEntry(sent, { kind: 'free', text: 'not there', mood: 1 })?.id).toBe('later');
    expect(sentEntry([], { kind: 'free' })).toBeUndefined();
  });
});
