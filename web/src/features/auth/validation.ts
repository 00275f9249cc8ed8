import { emailError, passwordError, type FieldErrors, type Validated } from '../../shared/validation';

export function validateLogin(email: string, password: string): Validated<{ email: string; password: string }> {
  const errors: FieldErrors = {};
  if (email.trim() === '') errors.email = 'Please enter your email address.';
  if (password === '') errors.password = 'Please enter your password.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { email: email.trim(), password } };
}

export function validateNewPassword(password: string, confirm: string): Validated<string> {
  const errors: FieldErrors = {};
  const pw = passwordError(password);
  if (pw) errors.password = pw;
  else if (confirm !== password) errors.confirm = 'The two passwords are not the same. Please type it again.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: password };
}

export { emailError };
