import { describe, expect, it } from 'vitest';
import { user } from '../../test/fixtures';
import { staffWithoutSecondFactor } from './userLabel';

describe('staffWithoutSecondFactor', () => {
  it('counts active staff without two-step sign-in; clients and deactivated accounts do not count', () => {
    const users = [
      user({ id: 'a', role: 'admin', totp_enabled: false }),
      user({ id: 't1', role: 'therapist', totp_enabled: true }),
      user({ id: 't2', role: 'therapist', totp_enabled: false }),
      user({ id: 's', role: 'supervisor', totp_enabled: false, active: false }),
      user({ id: 'c', role: 'client', totp_enabled: false }),
    ];
    expect(staffWithoutSecondFactor(users)).toBe(2);
    expect(staffWithoutSecondFactor(users.filter((u) => u.totp_enabled || u.role === 'client'))).toBe(0);
  });

  it('says nothing when the server does not tell (an older one leaves totp_enabled out)', () => {
    expect(staffWithoutSecondFactor([user({ role: 'therapist' })])).toBeNull();
  });
});
