// The QR code for an authenticator app, drawn from the `qrcode` library's module matrix. Its own
// module so that the library is a separate chunk, loaded only when someone sets up two-step sign-in.

import QRCode from 'qrcode';

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
