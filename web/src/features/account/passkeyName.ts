import { t } from '../../shared/i18n';

/** Passkey names: what the person reads in the list. The server takes up to 200 bytes of UTF-8. */
export const MAX_PASSKEY_NAME_CHARS = 100;
export const MAX_PASSKEY_NAME_BYTES = 200;

/** The trimmed name, or a sentence saying what is wrong with it. */
export function checkPasskeyName(raw: string): { ok: true; name: string } | { ok: false; error: string } {
  const name = raw.trim();
  if (name === '') return { ok: false, error: t('passkeys.nameMissing') };
  if ([...name].length > MAX_PASSKEY_NAME_CHARS || new TextEncoder().encode(name).length > MAX_PASSKEY_NAME_BYTES) {
    return { ok: false, error: t('passkeys.nameLong') };
  }
  return { ok: true, name };
}
