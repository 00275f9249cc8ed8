// The pure parts of setting up two-step sign-in (issue 16): the secret written out for typing,
// the code check and the recovery codes as text. Tested alone. (The QR code is drawn in qr.ts.)

import { t } from '../../shared/i18n';

/** A base32 secret in groups of four ("JBSW Y3DP EHPK 3PXP"), the way authenticator apps show it. */
export function groupSecret(secret: string, size = 4): string {
  const plain = secret.replace(/[\s=]/g, '').toUpperCase();
  const groups: string[] = [];
  for (let i = 0; i < plain.length; i += size) groups.push(plain.slice(i, i + size));
  return groups.join(' ');
}

/** The same secret, one group per item, so a screen reader can spell each group on its own. */
export function secretGroups(secret: string, size = 4): string[] {
  const grouped = groupSecret(secret, size);
  return grouped === '' ? [] : grouped.split(' ');
}

/** A 6-digit code as typed, spaces and dashes dropped. */
export function normalizeCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** null when the code can be sent; otherwise the sentence saying what is wrong. */
export function codeError(input: string): string | null {
  const code = normalizeCode(input);
  if (code === '') return t('account.twoStep.codeMissing');
  if (!/^\d{6}$/.test(code)) return t('account.twoStep.codeShape');
  return null;
}

/**
 * Turning two-step sign-in off takes a current code from the app or one of the recovery codes
 * (for a lost phone). Digits alone are an app code and must be six; anything else is sent as typed.
 */
export function turnOffCodeError(input: string): string | null {
  const code = normalizeCode(input);
  if (code === '') return t('account.twoStep.offCodeMissing');
  if (/^\d+$/.test(code) && code.length !== 6) return t('account.twoStep.codeShape');
  return null;
}

/** What DELETE /me/totp sends: an app code without its spaces, a recovery code trimmed. */
export function turnOffCodeValue(input: string): string {
  const code = normalizeCode(input);
  return /^\d+$/.test(code) ? code : input.trim();
}

/** The recovery codes as plain text for the clipboard: a heading line and one code per line. */
export function recoveryCodesText(practice: string, email: string, codes: readonly string[]): string {
  return [t('account.recovery.sheetTitle', { practice, email }), '', ...codes].join('\n');
}
