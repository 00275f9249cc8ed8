import { describe, expect, it } from 'vitest';
import { checkPasskeyName } from './passkeyName';

describe('a passkey’s name', () => {
  it('is trimmed and required', () => {
    expect(checkPasskeyName('  Work laptop ')).toEqual({ ok: true, name: 'Work laptop' });
    expect(checkPasskeyName('   ')).toEqual({ ok: false, error: 'Please give the passkey a name.' });
  });

  it('fits what the server keeps: 100 characters and 200 bytes of UTF-8', () => {
    expect(checkPasskeyName('a'.repeat(100)).ok).toBe(true);
    expect(checkPasskeyName('a'.repeat(101))).toEqual({ ok: false, error: 'Please use a shorter name.' });
    expect(checkPasskeyName('ż'.repeat(100)).ok).toBe(true);
    expect(checkPasskeyName('🔑'.repeat(51)).ok).toBe(false);
  });
});
