import { describe, expect, it } from 'vitest';
import {
  PASSWORD_STEP,
  normalizeRecoveryCode,
  normalizeTotp,
  secondFactorBody,
  secondFactorError,
  secondFactorMessage,
  stepAfterError,
  switchMethod,
  type LoginStep,
} from './secondFactor';

const CODE: LoginStep = { kind: 'second', method: 'totp' };
const RECOVERY: LoginStep = { kind: 'second', method: 'recovery' };

describe('the sign-in steps', () => {
  it('asks for the app’s code when the server answers second_factor_required', () => {
    expect(stepAfterError(PASSWORD_STEP, 'second_factor_required')).toEqual(CODE);
  });

  it('keeps a person on the password step for a wrong password or a pause', () => {
    expect(stepAfterError(PASSWORD_STEP, 'invalid_credentials')).toEqual(PASSWORD_STEP);
    expect(stepAfterError(PASSWORD_STEP, 'too_many_attempts')).toEqual(PASSWORD_STEP);
    expect(stepAfterError(PASSWORD_STEP, 'network')).toEqual(PASSWORD_STEP);
  });

  it('stays on the code step for a wrong or reused code and for a pause, with the chosen way kept', () => {
    expect(stepAfterError(CODE, 'invalid_second_factor')).toEqual(CODE);
    expect(stepAfterError(RECOVERY, 'invalid_second_factor')).toEqual(RECOVERY);
    expect(stepAfterError(RECOVERY, 'too_many_attempts')).toEqual(RECOVERY);
    expect(stepAfterError(RECOVERY, 'second_factor_required')).toEqual(RECOVERY);
  });

  it('starts again from the password when the password no longer holds', () => {
    expect(stepAfterError(CODE, 'invalid_credentials')).toEqual(PASSWORD_STEP);
  });

  it('switches between the app’s code and a recovery code, and not on the password step', () => {
    expect(switchMethod(CODE)).toEqual(RECOVERY);
    expect(switchMethod(RECOVERY)).toEqual(CODE);
    expect(switchMethod(PASSWORD_STEP)).toEqual(PASSWORD_STEP);
  });
});

describe('what the second try sends', () => {
  it('drops the spaces and dashes people type into a code', () => {
    expect(normalizeTotp(' 123 456 ')).toBe('123456');
    expect(normalizeTotp('123-456')).toBe('123456');
    expect(normalizeRecoveryCode(' abcd-efgh ')).toBe('abcd-efgh');
  });

  it('sends totp or recovery_code, never both', () => {
    expect(secondFactorBody('totp', '123 456')).toEqual({ totp: '123456' });
    expect(secondFactorBody('recovery', ' k7p2-9xq4 ')).toEqual({ recovery_code: 'k7p2-9xq4' });
  });

  it('checks the shape before a round trip', () => {
    expect(secondFactorError('totp', '')).toMatch(/6-digit code/);
    expect(secondFactorError('totp', '12345')).toBe('The code has 6 digits.');
    expect(secondFactorError('totp', '12345a')).toBe('The code has 6 digits.');
    expect(secondFactorError('totp', '123 456')).toBeNull();
    expect(secondFactorError('recovery', '  ')).toMatch(/recovery codes/);
    expect(secondFactorError('recovery', 'k7p2-9xq4')).toBeNull();
  });
});

describe('the sentence for a failed second step', () => {
  it('does not blame the phone’s clock for a wrong recovery code', () => {
    const fromCatalogue = 'That code is not right, or it has been used already.';
    expect(secondFactorMessage('recovery', 'invalid_second_factor', fromCatalogue)).toMatch(/recovery code is not right/);
    expect(secondFactorMessage('totp', 'invalid_second_factor', fromCatalogue)).toBe(fromCatalogue);
    expect(secondFactorMessage('recovery', 'too_many_attempts', 'Too many attempts. Try again in 5 minutes.')).toBe(
      'Too many attempts. Try again in 5 minutes.',
    );
  });
});
