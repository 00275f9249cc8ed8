// The pure parts of setting up two-step sign-in (issue 16): the secret written out for typing,
// the code check, the QR code's drawing and the recovery codes as a sheet. Tested alone.

import QRCode from 'qrcode';
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

export interface QrDrawing {
  /** Modules per side, quiet zone included. */
  size: number;
  /** One SVG path: a 1×1 square for every dark module. */
  path: string;
}

/**
 * The QR code of `text` as one SVG path, drawn here from the `qrcode` library's module matrix:
 * no network, no inline style, no innerHTML (the server's CSP allows neither).
 */
export function qrDrawing(text: string, margin = 4): QrDrawing {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let path = '';
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (modules.get(row, col)) path += `M${col + margin} ${row + margin}h1v1h-1z`;
    }
  }
  return { size: n + 2 * margin, path };
}

/** The recovery codes as plain text for the clipboard: a heading line and one code per line. */
export function recoveryCodesText(practice: string, email: string, codes: readonly string[]): string {
  return [t('account.recovery.sheetTitle', { practice, email }), '', ...codes].join('\n');
}
