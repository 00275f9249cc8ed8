import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { codeError, groupSecret, normalizeCode, recoveryCodesText, secretGroups, turnOffCodeError, turnOffCodeValue } from './totp';
import { qrDrawing } from './qr';

describe('the key written out for typing', () => {
  it('groups a base32 secret in fours, the way authenticator apps show it', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('JBSWY3DPEHPK3PXPAB')).toBe('JBSW Y3DP EHPK 3PXP AB');
  });

  it('drops padding and spaces and writes capitals', () => {
    expect(groupSecret('jbsw y3dp ehpk 3pxp====')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('')).toBe('');
  });

  it('gives the groups one by one for the page', () => {
    expect(secretGroups('JBSWY3DPEHPK3PXP')).toEqual(['JBSW', 'Y3DP', 'EHPK', '3PXP']);
    expect(secretGroups('')).toEqual([]);
  });
});

describe('the confirmation code', () => {
  it('is six digits; spaces and dashes typed with it do not count', () => {
    expect(normalizeCode(' 123 456')).toBe('123456');
    expect(codeError('123 456')).toBeNull();
    expect(codeError('')).toMatch(/6-digit code/);
    expect(codeError('1234567')).toBe('The code has 6 digits.');
    expect(codeError('abcdef')).toBe('The code has 6 digits.');
  });
});

describe('the code that turns two-step sign-in off', () => {
  it('is a current app code or a recovery code', () => {
    expect(turnOffCodeError('')).toMatch(/recovery codes/);
    expect(turnOffCodeError('12345')).toBe('The code has 6 digits.');
    expect(turnOffCodeError('123 456')).toBeNull();
    expect(turnOffCodeError('k7p2-9xq4')).toBeNull();
    expect(turnOffCodeValue(' 123 456 ')).toBe('123456');
    expect(turnOffCodeValue(' k7p2-9xq4 ')).toBe('k7p2-9xq4');
  });
});

describe('the QR code', () => {
  const url = 'otpauth://totp/Trove:anna%40demo.trove?secret=JBSWY3DPEHPK3PXP&issuer=Trove';

  it('draws one square per dark module, with a quiet zone of four modules all round', () => {
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const drawing = qrDrawing(url);
    expect(drawing.size).toBe(modules.size + 8);
    const dark = Array.from(modules.data).filter(Boolean).length;
    expect(drawing.path.match(/M/g)).toHaveLength(dark);
    // The top-left finder pattern starts at the quiet zone's inner corner.
    expect(drawing.path.startsWith('M4 4h1v1h-1z')).toBe(true);
  });

  it('is the same drawing for the same address and another for another', () => {
    expect(qrDrawing(url)).toEqual(qrDrawing(url));
    expect(qrDrawing(url).path).not.toBe(qrDrawing(url.replace('JBSW', 'KRSX')).path);
  });
});

describe('the recovery codes as text', () => {
  it('names whose codes they are, then one code per line', () => {
    expect(recoveryCodesText('Praxis am See', 'anna@demo.trove', ['a1b2-c3d4', 'e5f6-g7h8'])).toBe(
      'Trove recovery codes for anna@demo.trove (Praxis am See)\n\na1b2-c3d4\ne5f6-g7h8',
    );
  });
});
