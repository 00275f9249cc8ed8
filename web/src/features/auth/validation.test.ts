import { describe, expect, it } from 'vitest';
import { validateLogin, validateNewPassword } from './validation';

describe('validateLogin', () => {
  it('asks for both fields and trims the email', () => {
    expect(validateLogin('', '')).toMatchObject({ ok: false, errors: { email: expect.any(String), password: expect.any(String) } });
    expect(validateLogin(' anna@demo.trove ', 'secret')).toEqual({ ok: true, value: { email: 'anna@demo.trove', password: 'secret' } });
  });
  it('does not trim passwords, whose spaces may be intended', () => {
    const r = validateLogin('a@b.c', ' pw ');
    expect(r.ok && r.value.password).toBe(' pw ');
  });
});

describe('validateNewPassword', () => {
  it('needs at least 12 characters', () => {
    expect(validateNewPassword('elevenchars', 'elevenchars')).toMatchObject({ ok: false, errors: { password: expect.stringContaining('12') } });
    expect(validateNewPassword('twelve chars', 'twelve chars')).toEqual({ ok: true, value: 'twelve chars' });
  });
  it('needs both entries to match', () => {
    expect(validateNewPassword('a calm river at dawn', 'a calm river at dusk')).toMatchObject({
      ok: false,
      errors: { confirm: expect.any(String) },
    });
  });
});
