import { describe, expect, it } from 'vitest';
import { ApiError, errorFromResponse } from '../api/errors';
import type { CreationOptionsJSON, RequestOptionsJSON } from '../api/passkeys';
import { translate } from './i18n';
import {
  assertionToJSON,
  browserProblemKey,
  creationOptionsFromJSON,
  fromBase64url,
  passkeyErrorMessage,
  passkeysSupported,
  registrationToJSON,
  requestOptionsFromJSON,
  toBase64url,
  type CredentialLike,
} from './webauthn';

const bytes = (...b: number[]) => new Uint8Array(b).buffer;
const list = (buf: ArrayBuffer | BufferSource) => [...new Uint8Array(buf as ArrayBuffer)];
const text = (s: string) => new TextEncoder().encode(s).buffer;

describe('base64url', () => {
  it('gives RFC 4648’s test vectors in the URL alphabet, without padding', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of cases) {
      expect(toBase64url(text(plain))).toBe(encoded);
      expect(new TextDecoder().decode(fromBase64url(encoded))).toBe(plain);
    }
  });

  it('uses - and _ where base64 has + and /', () => {
    expect(toBase64url(bytes(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect(list(fromBase64url('-_-_'))).toEqual([0xfb, 0xff, 0xbf]);
  });

  it('reads a view of part of a buffer, not the whole buffer', () => {
    const whole = new Uint8Array([1, 2, 3, 4, 5]);
    expect(toBase64url(whole.subarray(1, 3))).toBe(toBase64url(bytes(2, 3)));
  });

  it('accepts padding when decoding', () => {
    expect(list(fromBase64url('Zm8='))).toEqual(list(text('fo')));
    expect(list(fromBase64url('Zg=='))).toEqual(list(text('f')));
  });

  it('round-trips every byte value and every length up to 70', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    expect(list(fromBase64url(toBase64url(all)))).toEqual([...all]);
    for (let n = 0; n <= 70; n++) {
      const b = new Uint8Array(n).map((_, i) => (i * 37 + n) & 0xff);
      const encoded = toBase64url(b);
      expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(list(fromBase64url(encoded))).toEqual([...b]);
    }
  });

  it('refuses characters outside the alphabet and impossible lengths', () => {
    expect(() => fromBase64url('Zm9v+')).toThrow();
    expect(() => fromBase64url('Zm9/')).toThrow();
    expect(() => fromBase64url('Zm 9v')).toThrow();
    expect(() => fromBase64url('Zm9vY')).toThrow();
  });
});

describe('the server’s options become the browser’s arguments', () => {
  const creation: CreationOptionsJSON = {
    rp: { id: 'localhost', name: 'Demo Practice' },
    user: { id: 'dXNlci0x', name: 'anna@demo.trove', displayName: 'Anna Berg' },
    challenge: 'AAECAwQ',
    pubKeyCredParams: [
      { type: 'public-key', alg: -7 },
      { type: 'public-key', alg: -8 },
      { type: 'public-key', alg: -257 },
    ],
    timeout: 300000,
    attestation: 'none',
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    excludeCredentials: [{ type: 'public-key', id: '-_-_' }],
  };

  it('creation: ids and challenge as bytes, everything else as sent', () => {
    const o = creationOptionsFromJSON(creation);
    expect(o.rp).toEqual({ id: 'localhost', name: 'Demo Practice' });
    expect(new TextDecoder().decode(o.user.id as ArrayBuffer)).toBe('user-1');
    expect(o.user.name).toBe('anna@demo.trove');
    expect(o.user.displayName).toBe('Anna Berg');
    expect(list(o.challenge)).toEqual([0, 1, 2, 3, 4]);
    expect(o.pubKeyCredParams.map((p) => p.alg)).toEqual([-7, -8, -257]);
    expect(o.timeout).toBe(300000);
    expect(o.attestation).toBe('none');
    expect(o.authenticatorSelection).toEqual({ residentKey: 'required', requireResidentKey: true, userVerification: 'required' });
    expect(o.excludeCredentials).toHaveLength(1);
    expect(o.excludeCredentials![0]!.type).toBe('public-key');
    expect(list(o.excludeCredentials![0]!.id)).toEqual([0xfb, 0xff, 0xbf]);
  });

  it('creation: no excludeCredentials means an empty list; absent fields stay absent', () => {
    const { excludeCredentials: _, timeout: __, attestation: ___, ...bare } = creation;
    const o = creationOptionsFromJSON({ ...bare, rp: { name: 'Trove' } });
    expect(o.excludeCredentials).toEqual([]);
    expect('timeout' in o).toBe(false);
    expect('attestation' in o).toBe(false);
    expect(o.rp).toEqual({ name: 'Trove' });
  });

  it('sign-in: the challenge as bytes, an empty allow list for discoverable passkeys', () => {
    const json: RequestOptionsJSON = {
      challenge: 'Zm9vYmFy',
      rpId: 'localhost',
      timeout: 300000,
      userVerification: 'required',
      allowCredentials: [],
    };
    const o = requestOptionsFromJSON(json);
    expect(new TextDecoder().decode(o.challenge as ArrayBuffer)).toBe('foobar');
    expect(o.rpId).toBe('localhost');
    expect(o.timeout).toBe(300000);
    expect(o.userVerification).toBe('required');
    expect(o.allowCredentials).toEqual([]);
  });

  it('a broken challenge is refused before the browser sees it', () => {
    expect(() => requestOptionsFromJSON({ challenge: 'not base64url!' })).toThrow();
  });
});

describe('the browser’s credential becomes JSON for the server', () => {
  const newCredential: CredentialLike = {
    id: '-_-_',
    rawId: bytes(0xfb, 0xff, 0xbf),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    response: { clientDataJSON: text('{"type":"webauthn.create"}'), attestationObject: bytes(0xa3, 1, 2) },
  };

  it('registration: the fields POST /me/passkeys takes, bytes as base64url', () => {
    expect(registrationToJSON(newCredential)).toEqual({
      id: '-_-_',
      rawId: '-_-_',
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: { clientDataJSON: toBase64url(text('{"type":"webauthn.create"}')), attestationObject: 'owEC' },
    });
  });

  it('registration: no authenticatorAttachment when the browser gives none', () => {
    const json = registrationToJSON({ ...newCredential, authenticatorAttachment: null });
    expect('authenticatorAttachment' in json).toBe(false);
  });

  it('registration: a credential without an attestation object is not sent', () => {
    expect(() => registrationToJSON({ ...newCredential, response: { clientDataJSON: bytes(1) } })).toThrow();
  });

  it('assertion: authenticator data, signature and user handle', () => {
    const json = assertionToJSON({
      id: 'AQI',
      rawId: bytes(1, 2),
      type: 'public-key',
      response: { clientDataJSON: bytes(1), authenticatorData: bytes(2, 3), signature: bytes(4, 5, 6), userHandle: text('user-1') },
    });
    expect(json).toEqual({
      id: 'AQI',
      rawId: 'AQI',
      type: 'public-key',
      clientExtensionResults: {},
      response: { clientDataJSON: 'AQ', authenticatorData: 'AgM', signature: 'BAUG', userHandle: 'dXNlci0x' },
    });
  });

  it('assertion: a missing user handle is null', () => {
    const json = assertionToJSON({
      id: 'AQI',
      rawId: bytes(1, 2),
      type: 'public-key',
      response: { clientDataJSON: bytes(1), authenticatorData: bytes(2), signature: bytes(4), userHandle: null },
    });
    expect(json.response.userHandle).toBeNull();
  });
});

describe('whether passkeys can be offered', () => {
  const credentials = { create: () => undefined, get: () => undefined };
  it('needs PublicKeyCredential and navigator.credentials.create/get', () => {
    expect(passkeysSupported({ PublicKeyCredential: function PublicKeyCredential() {}, navigator: { credentials } })).toBe(true);
    expect(passkeysSupported({ navigator: { credentials } })).toBe(false);
    expect(passkeysSupported({ PublicKeyCredential: function PublicKeyCredential() {}, navigator: {} })).toBe(false);
    expect(passkeysSupported(undefined)).toBe(false);
  });
});

describe('what went wrong, in a sentence', () => {
  const en = (key: Parameters<typeof translate>[1], values?: Parameters<typeof translate>[2]) => translate('en', key, values);
  const dom = (name: string) => new DOMException('whatever the browser says', name);

  it('a closed prompt says that nothing was saved, or that nobody was signed in', () => {
    expect(passkeyErrorMessage(dom('NotAllowedError'), 'add', en)).toBe('Nothing was saved — the passkey prompt was closed.');
    expect(passkeyErrorMessage(dom('NotAllowedError'), 'signIn', en)).toMatch(/^You are not signed in — the passkey prompt was closed\./);
    expect(passkeyErrorMessage(dom('AbortError'), 'add', en)).toBe('Nothing was saved — the passkey prompt was closed.');
  });

  it('names the browser’s other refusals', () => {
    expect(browserProblemKey(dom('InvalidStateError'), 'add')).toBe('passkeys.error.alreadyHere');
    expect(browserProblemKey(dom('SecurityError'), 'signIn')).toBe('passkeys.error.address');
    expect(browserProblemKey(dom('NotSupportedError'), 'add')).toBe('passkeys.error.notSupported');
    expect(browserProblemKey(new Error('boom'), 'add')).toBeNull();
    expect(passkeyErrorMessage(new Error('boom'), 'add', en)).toBe(en('passkeys.error.unexpectedAdd'));
    expect(passkeyErrorMessage('strange', 'signIn', en)).toBe(en('passkeys.error.unexpectedSignIn'));
  });

  it('the server’s passkey codes read as the catalogue’s sentences', () => {
    const answer = (status: number, code: string, field?: string) =>
      errorFromResponse(status, { error: { code, message: 'server English', ...(field ? { field } : {}) } }, null, 0, 'en');
    expect(passkeyErrorMessage(answer(401, 'invalid_passkey'), 'signIn', en)).toBe(en('errors.invalid_passkey'));
    expect(passkeyErrorMessage(answer(409, 'passkey_exists', 'response'), 'add', en)).toBe(en('errors.passkey_exists'));
    expect(passkeyErrorMessage(answer(409, 'too_many_passkeys'), 'add', en)).toBe(en('errors.too_many_passkeys'));
    expect(passkeyErrorMessage(answer(400, 'invalid_input', 'response'), 'add', en)).toBe(en('errors.invalid_input.response'));
    const polish = errorFromResponse(401, { error: { code: 'invalid_passkey', message: 'x' } }, null, 0, 'pl');
    expect(polish.message).toBe(translate('pl', 'errors.invalid_passkey'));
  });

  it('a 429 says how long to wait', () => {
    const err = errorFromResponse(429, { error: { code: 'too_many_attempts', message: 'x' } }, '120', 0, 'en');
    expect(err).toBeInstanceOf(ApiError);
    expect(passkeyErrorMessage(err, 'signIn', en)).toMatch(/2 minutes/);
  });
});
