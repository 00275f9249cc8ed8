import { describe, expect, it } from 'vitest';
import { emptyNewUserForm, validateNewUser, validatePasswordReset } from './validation';
import { adminDisplayName, sortUsers } from './userLabel';
import { user } from '../../test/fixtures';

const valid = { ...emptyNewUserForm(), email: ' dana@example.org ', name: ' Dana ', password: 'long enough pw' };

describe('validateNewUser', () => {
  it('accepts a staff user and never sends client_id for staff', () => {
    expect(validateNewUser({ ...valid, client_id: 'c1' })).toEqual({
      ok: true,
      value: { email: 'dana@example.org', name: 'Dana', role: 'therapist', password: 'long enough pw' },
    });
  });
  it('requires a client_id for client logins', () => {
    expect(validateNewUser({ ...valid, role: 'client' })).toMatchObject({ ok: false, errors: { client_id: expect.any(String) } });
    expect(validateNewUser({ ...valid, role: 'client', client_id: ' c9 ' })).toMatchObject({ ok: true, value: { client_id: 'c9' } });
  });
  it('checks email, name and password', () => {
    const r = validateNewUser({ ...valid, email: 'dana.example.org', name: '', password: 'short' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['email', 'name', 'password']);
  });
  it('rejects an unknown role', () => {
    expect(validateNewUser({ ...valid, role: 'owner' as never })).toMatchObject({ ok: false, errors: { role: expect.any(String) } });
  });
});

describe('validatePasswordReset', () => {
  it('applies the same minimum length', () => {
    expect(validatePasswordReset('short').ok).toBe(false);
    expect(validatePasswordReset('a long new password').ok).toBe(true);
  });
});

describe('client logins on admin screens', () => {
  it('are shown without the client’s name', () => {
    expect(adminDisplayName(user({ role: 'client', name: 'Mia K.' }))).toBe('Client portal login');
    expect(adminDisplayName(user({ role: 'therapist', name: 'Anna Berg' }))).toBe('Anna Berg');
  });
  it('are sorted after staff, with deactivated accounts last', () => {
    const sorted = sortUsers([
      user({ id: 'c', role: 'client', email: 'mia@x' }),
      user({ id: 'off', name: 'Aaron', active: false }),
      user({ id: 't', name: 'Ben' }),
      user({ id: 'a', role: 'admin', name: 'Zoe' }),
    ]);
    expect(sorted.map((u) => u.id)).toEqual(['a', 't', 'c', 'off']);
  });
});
