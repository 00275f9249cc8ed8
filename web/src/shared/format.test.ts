import { describe, expect, it } from 'vitest';
import { contextLabel, firstName, formatWait, parseRetryAfter, roleLabel, tooManyAttemptsMessage } from './format';

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(' 0 ')).toBe(0);
  });
  it('reads an HTTP-date relative to now and never goes negative', () => {
    const now = Date.parse('2026-11-28T18:00:00Z');
    expect(parseRetryAfter('Sat, 28 Nov 2026 18:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Sat, 28 Nov 2026 17:00:00 GMT', now)).toBe(0);
  });
  it('returns null for missing or unreadable values', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('')).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter('-5')).toBeNull();
  });
});

describe('formatWait', () => {
  it('uses seconds under a minute, with singular and plural', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(59)).toBe('59 seconds');
    expect(formatWait(0)).toBe('1 second');
  });
  it('rounds minutes up so nobody comes back too early', () => {
    expect(formatWait(60)).toBe('1 minute');
    expect(formatWait(61)).toBe('2 minutes');
    expect(formatWait(900)).toBe('15 minutes');
  });
  it('builds the full sentence', () => {
    expect(tooManyAttemptsMessage(600)).toBe('Too many attempts. Try again in 10 minutes.');
  });
});

describe('labels', () => {
  it('gives people-friendly names and passes unknown values through', () => {
    expect(roleLabel('admin')).toBe('Practice admin');
    expect(contextLabel('youth')).toBe('Child & youth');
    expect(contextLabel('something_new')).toBe('something_new');
  });
  it('greets by the first word of a display name', () => {
    expect(firstName('Mia K.')).toBe('Mia');
    expect(firstName('  Jonas   R. ')).toBe('Jonas');
    expect(firstName('M.')).toBe('M.');
  });
});
