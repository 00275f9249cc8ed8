// The sign-in page's steps (issue 16): email and password first; when the account has two-step
// sign-in on, the server answers 401 second_factor_required and the page asks for the 6-digit code
// from the authenticator app, or for one of the recovery codes instead. Pure, so it is tested alone.

import type { SecondFactor } from '../../api/types';
import { t } from '../../shared/i18n';

export type SecondFactorMethod = 'totp' | 'recovery';

export type LoginStep = { kind: 'password' } | { kind: 'second'; method: SecondFactorMethod };

export const PASSWORD_STEP: LoginStep = { kind: 'password' };

/** Where a failed sign-in leaves the page, given the error code the server answered with. */
export function stepAfterError(step: LoginStep, code: string): LoginStep {
  switch (code) {
    case 'second_factor_required':
      // The password was right; the account wants its second factor. Asked again from the app.
      return step.kind === 'second' ? step : { kind: 'second', method: 'totp' };
    case 'invalid_second_factor':
    case 'too_many_attempts':
      // A wrong or reused code, or a pause: the person tries again on the same step.
      return step;
    case 'invalid_credentials':
      // The password no longer holds (changed on another device meanwhile): start again.
      return PASSWORD_STEP;
    default:
      return step;
  }
}

/** The other way in: from the app's code to a recovery code and back. */
export function switchMethod(step: LoginStep): LoginStep {
  if (step.kind !== 'second') return step;
  return { kind: 'second', method: step.method === 'totp' ? 'recovery' : 'totp' };
}

/** A code as typed, spaces and dashes dropped ("123 456" → "123456"). */
export function normalizeTotp(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** A recovery code as typed: spaces dropped, letters kept as they are (the server compares). */
export function normalizeRecoveryCode(input: string): string {
  return input.replace(/\s/g, '');
}

/** null when the code can be sent; otherwise the sentence saying what is wrong. */
export function secondFactorError(method: SecondFactorMethod, input: string): string | null {
  if (method === 'totp') {
    const code = normalizeTotp(input);
    if (code === '') return t('account.signIn.codeMissing');
    if (!/^\d{6}$/.test(code)) return t('account.signIn.codeShape');
    return null;
  }
  if (normalizeRecoveryCode(input) === '') return t('account.signIn.recoveryMissing');
  return null;
}

/** What the second try sends along with the email and password. */
export function secondFactorBody(method: SecondFactorMethod, input: string): SecondFactor {
  return method === 'totp' ? { totp: normalizeTotp(input) } : { recovery_code: normalizeRecoveryCode(input) };
}

/**
 * The sentence for a failed second step: a wrong recovery code is not about the phone's clock, so
 * it gets its own words; everything else is the catalogue's sentence for the code (ApiError.message).
 */
export function secondFactorMessage(method: SecondFactorMethod, code: string, message: string): string {
  if (code === 'invalid_second_factor' && method === 'recovery') return t('account.signIn.recoveryWrong');
  return message;
}
