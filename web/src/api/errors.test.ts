import { describe, expect, it } from 'vitest';
import { ApiError, errorFromResponse, messageOf, networkError } from './errors';

describe('errorFromResponse', () => {
  it('uses the server’s code, message and field', () => {
    const err = errorFromResponse(
      400,
      { error: { code: 'invalid_input', message: 'Birth year must be between 1900 and 2026.', field: 'birth_year' } },
      null,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(400);
    expect(err.code).toBe('invalid_input');
    expect(err.message).toBe('Birth year must be between 1900 and 2026.');
    expect(err.field).toBe('birth_year');
  });

  it('falls back to a sentence when the body is not Trove’s error JSON (e.g. a proxy page)', () => {
    const err = errorFromResponse(502, undefined, null);
    expect(err.code).toBe('internal');
    expect(err.message).toMatch(/went wrong on the server/);
    expect(err.field).toBeUndefined();
  });

  it('ignores an empty server message rather than showing a blank alert', () => {
    const err = errorFromResponse(404, { error: { code: 'not_found', message: '  ' } }, null);
    expect(err.code).toBe('not_found');
    expect(err.message).toMatch(/could not be found/);
  });

  it('keeps known fallbacks per status', () => {
    expect(errorFromResponse(503, {}, null).message).toMatch(/temporarily unavailable/);
    expect(errorFromResponse(403, null, null).code).toBe('forbidden');
    expect(errorFromResponse(418, null, null).message).toContain('HTTP 418');
  });

  it('turns 429 into a wait time in minutes from Retry-After', () => {
    const err = errorFromResponse(429, { error: { code: 'too_many_attempts', message: 'Slow down.' } }, '300');
    expect(err.code).toBe('too_many_attempts');
    expect(err.retryAfterSeconds).toBe(300);
    expect(err.message).toBe('Too many attempts. Try again in 5 minutes.');
  });

  it('turns 429 into a wait time in seconds when it is short', () => {
    expect(errorFromResponse(429, undefined, '45').message).toBe('Too many attempts. Try again in 45 seconds.');
  });

  it('reads an HTTP-date Retry-After', () => {
    const now = Date.parse('2026-11-28T18:00:00Z');
    const err = errorFromResponse(429, undefined, 'Sat, 28 Nov 2026 18:02:00 GMT', now);
    expect(err.retryAfterSeconds).toBe(120);
    expect(err.message).toBe('Too many attempts. Try again in 2 minutes.');
  });

  it('still explains a 429 without Retry-After', () => {
    const err = errorFromResponse(429, undefined, null);
    expect(err.retryAfterSeconds).toBeNull();
    expect(err.message).toBe('Too many attempts. Please wait a little and try again.');
  });
});

describe('messageOf', () => {
  it('shows an ApiError’s message and hides anything else behind a sentence', () => {
    expect(messageOf(networkError())).toMatch(/could not be reached/);
    expect(messageOf(new TypeError('x is undefined'))).toBe('Something unexpected went wrong. Please try again.');
    expect(messageOf({ weird: true })).not.toContain('object');
  });
});
