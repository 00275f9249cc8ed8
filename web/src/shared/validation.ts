import { t } from './i18n';

/** Field name (as the API names it) → a sentence explaining what to fix. */
export type FieldErrors = Record<string, string>;

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const MIN_PASSWORD_LENGTH = 12;

/** Counts what a person sees as characters, so an emoji is one, not two. */
export function charCount(s: string): number {
  return [...s].length;
}

// Deliberately loose: the server is the judge of addresses; this only catches typos
// such as a missing "@" before a round trip.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailError(email: string): string | null {
  const e = email.trim();
  if (e === '') return t('validation.email.empty');
  if (!EMAIL.test(e)) return t('validation.email.invalid');
  return null;
}

export function passwordError(password: string): string | null {
  if (password === '') return t('validation.password.empty');
  if (charCount(password) < MIN_PASSWORD_LENGTH) {
    return t('validation.password.short', { min: MIN_PASSWORD_LENGTH });
  }
  return null;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}
