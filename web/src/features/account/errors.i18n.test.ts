// The error codes of issue 16 become the catalogue's sentences in each language (not the server's
// English), and the change-password form's wrong current password gets its own words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorFromResponse } from '../../api/errors';
import { loadCatalogue, setLocale, type Locale } from '../../shared/i18n';

const body = (code: string, field?: string) => ({ error: { code, message: 'English from the server.', ...(field ? { field } : {}) } });

beforeAll(async () => {
  await loadCatalogue('pl');
  await loadCatalogue('de');
});
afterAll(async () => {
  await setLocale('en');
});

describe('the sentences for the account’s error codes', () => {
  const cases: [Locale, number, string, string | undefined, RegExp][] = [
    ['en', 400, 'invalid_second_factor', 'code', /code is not right, or it has been used already/],
    ['pl', 400, 'invalid_second_factor', 'code', /kod się nie zgadza/],
    ['de', 400, 'invalid_second_factor', 'code', /Code stimmt nicht/],
    ['en', 401, 'second_factor_required', undefined, /code from your authenticator app/],
    ['pl', 403, 'second_factor_setup_required', undefined, /weryfikację dwuetapową/],
    ['de', 409, 'totp_active', undefined, /bereits eingeschaltet/],
    ['en', 401, 'invalid_credentials', 'current', /not your current password/],
    ['de', 401, 'invalid_credentials', 'current', /nicht Ihr aktuelles Passwort/],
    ['pl', 400, 'weak_password', 'new', /łatwo odgadnąć/],
  ];
  for (const [locale, status, code, field, expected] of cases) {
    it(`${locale}: ${code}${field ? ` (${field})` : ''}`, () => {
      const err = errorFromResponse(status, body(code, field), null, Date.now(), locale);
      expect(err.code).toBe(code);
      expect(err.field).toBe(field);
      expect(err.message).toMatch(expected);
      expect(err.message).not.toContain('English from the server');
    });
  }

  it('keeps the sign-in sentence for a wrong password at sign-in (no field)', () => {
    expect(errorFromResponse(401, body('invalid_credentials'), null, Date.now(), 'en').message).toMatch(/email address or password/);
  });

  it('still says how long to wait after too many codes', () => {
    expect(errorFromResponse(429, body('too_many_attempts'), '120', Date.now(), 'en').message).toBe('Too many attempts. Try again in 2 minutes.');
  });
});
