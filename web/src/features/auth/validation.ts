import { emailError, passwordError, type FieldErrors, type Validated } from '../../shared/validation';
import { t } from '../../shared/i18n';

export function validateLogin(email: string, password: string): Validated<{ email: string; password: string }> {
  const errors: FieldErrors = {};
  if (email.trim() === '') errors.email = t('auth.login.emailMissing');
  if (password === '') errors.password = t('auth.login.passwordMissing');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { email: email.trim(), password } };
}

export function validateNewPassword(password: string, confirm: string): Validated<string> {
  const errors: FieldErrors = {};
  const pw = passwordError(password);
  if (pw) errors.password = pw;
  else if (confirm !== password) errors.confirm = t('auth.invite.mismatch');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: password };
}

export { emailError };
