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
  if (e === '') return 'Please enter an email address.';
  if (!EMAIL.test(e)) return 'This does not look like an email address. Please check it.';
  return null;
}

export function passwordError(password: string): string | null {
  if (password === '') return 'Please choose a password.';
  if (charCount(password) < MIN_PASSWORD_LENGTH) {
    return `The password needs at least ${MIN_PASSWORD_LENGTH} characters. A few words in a row make a good one.`;
  }
  return null;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}
