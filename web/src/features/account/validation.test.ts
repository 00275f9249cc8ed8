import { describe, expect, it } from 'vitest';
import { tokenExpired, validatePasswordChange, validateToken } from './validation';

describe('validatePasswordChange', () => {
  it('asks for the current password and a new one of at least 12 characters', () => {
    expect(validatePasswordChange('', 'short', 'short')).toMatchObject({
      ok: false,
      errors: { current: expect.any(String), new: expect.stringContaining('12') },
    });
  });

  it('needs the new password typed twice the same, and different from the current one', () => {
    expect(validatePasswordChange('old password here', 'a calm river at dawn', 'a calm river at dusk')).toMatchObject({
      ok: false,
      errors: { confirm: expect.any(String) },
    });
    expect(validatePasswordChange('a calm river at dawn', 'a calm river at dawn', 'a calm river at dawn')).toMatchObject({
      ok: false,
      errors: { new: expect.stringMatching(/different/) },
    });
  });

  it('keeps passwords exactly as typed', () => {
    expect(validatePasswordChange(' old one ', ' a calm river at dawn ', ' a calm river at dawn ')).toEqual({
      ok: true,
      value: { current: ' old one ', next: ' a calm river at dawn ' },
    });
  });
});

describe('validateToken', () => {
  it('needs a name and a whole number of days from 1 to 365', () => {
    expect(validateToken('  ', '90')).toMatchObject({ ok: false, errors: { name: expect.any(String) } });
    for (const days of ['0', '366', '1.5', '', 'ninety', '-3']) {
      expect(validateToken('Export', days), days).toMatchObject({ ok: false, errors: { expires_in_days: expect.stringContaining('365') } });
    }
    expect(validateToken(' Monthly export ', ' 30 ')).toEqual({ ok: true, value: { name: 'Monthly export', days: 30 } });
    expect(validateToken('x', '1')).toMatchObject({ ok: true });
    expect(validateToken('x', '365')).toMatchObject({ ok: true });
  });

  it('refuses a name over 100 characters', () => {
    expect(validateToken('x'.repeat(101), '90')).toMatchObject({ ok: false, errors: { name: expect.stringContaining('100') } });
  });
});

describe('tokenExpired', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  it('is true once the expiry has passed, and never for a token without one', () => {
    expect(tokenExpired('2026-12-03T11:59:59Z', now)).toBe(true);
    expect(tokenExpired('2026-12-04T00:00:00Z', now)).toBe(false);
    expect(tokenExpired(null, now)).toBe(false);
    expect(tokenExpired(undefined, now)).toBe(false);
  });
});
