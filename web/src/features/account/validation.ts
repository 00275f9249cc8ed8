// Checks of the account page's forms, mirroring the API so most mistakes are caught before a round
// trip (the server stays the judge). Field names are the API's ("current", "new").

import { passwordError, type FieldErrors, type Validated } from '../../shared/validation';
import { t } from '../../shared/i18n';

export const DEFAULT_TOKEN_DAYS = 90;
export const MIN_TOKEN_DAYS = 1;
export const MAX_TOKEN_DAYS = 365;
export const MAX_TOKEN_NAME = 100;

export function validatePasswordChange(current: string, next: string, confirm: string): Validated<{ current: string; next: string }> {
  const errors: FieldErrors = {};
  if (current === '') errors.current = t('account.password.currentMissing');
  const weak = passwordError(next);
  if (weak) errors.new = weak;
  else if (next === current) errors.new = t('account.password.same');
  else if (confirm !== next) errors.confirm = t('account.password.mismatch');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { current, next } };
}

export function validateToken(name: string, days: string): Validated<{ name: string; days: number }> {
  const errors: FieldErrors = {};
  const trimmed = name.trim();
  if (trimmed === '') errors.name = t('account.tokens.nameMissing');
  else if ([...trimmed].length > MAX_TOKEN_NAME) errors.name = t('account.tokens.nameLong', { max: MAX_TOKEN_NAME });
  const raw = days.trim();
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < MIN_TOKEN_DAYS || n > MAX_TOKEN_DAYS) {
    errors.expires_in_days = t('account.tokens.daysRange', { min: MIN_TOKEN_DAYS, max: MAX_TOKEN_DAYS });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { name: trimmed, days: n } };
}

/** Whether a token's expiry has passed (`now` in ms). A token with no expiry never expires. */
export function tokenExpired(expiresAt: string | null | undefined, now: number = Date.now()): boolean {
  if (!expiresAt) return false;
  const at = Date.parse(expiresAt);
  return Number.isFinite(at) && at <= now;
}
