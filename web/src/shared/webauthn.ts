// Passkeys in the browser (WebAuthn Level 2), as small pure functions: base64url <-> bytes, the
// server's JSON options -> the arguments of navigator.credentials.create()/get(), the credential
// the browser answers -> JSON for the server, and a sentence for each way it can fail.
// PublicKeyCredential.parseCreationOptionsFromJSON() and toJSON() would do the conversion, but not
// every browser Trove supports has them, so it is done by hand here.

import { ApiError } from '../api/errors';
import type {
  AssertionJSON,
  CreationOptionsJSON,
  CredentialDescriptorJSON,
  RegistrationJSON,
  RequestOptionsJSON,
} from '../api/passkeys';
import { t as translateNow, type MessageKey, type Translate } from './i18n';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Bytes -> base64url without padding (RFC 4648 §5), as WebAuthn's JSON uses. */
export function toBase64url(data: ArrayBuffer | ArrayBufferView): string {
  const bytes =
    data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/**
 * base64url (padding optional) -> bytes. Throws on any other character or an impossible length,
 * so a broken answer from the server is never handed to the authenticator.
 */
export function fromBase64url(text: string): ArrayBuffer {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1) throw new Error('not base64url: impossible length');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error('not base64url: unexpected character');
    value = ((value << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out.buffer;
}

/** Whether this browser can use passkeys at all; the passkey buttons are hidden when not. */
export function passkeysSupported(win: unknown = typeof window === 'undefined' ? undefined : window): boolean {
  const w = win as { PublicKeyCredential?: unknown; navigator?: { credentials?: { create?: unknown; get?: unknown } } } | undefined;
  return (
    typeof w?.PublicKeyCredential === 'function' &&
    typeof w.navigator?.credentials?.create === 'function' &&
    typeof w.navigator.credentials.get === 'function'
  );
}

function descriptor(d: CredentialDescriptorJSON): PublicKeyCredentialDescriptor {
  const out: PublicKeyCredentialDescriptor = { type: d.type as PublicKeyCredentialType, id: fromBase64url(d.id) };
  if (d.transports) out.transports = d.transports as AuthenticatorTransport[];
  return out;
}

/** The server's creation options -> the `publicKey` argument of navigator.credentials.create(). */
export function creationOptionsFromJSON(json: CreationOptionsJSON): PublicKeyCredentialCreationOptions {
  const options: PublicKeyCredentialCreationOptions = {
    rp: json.rp.id ? { id: json.rp.id, name: json.rp.name } : { name: json.rp.name },
    user: { id: fromBase64url(json.user.id), name: json.user.name, displayName: json.user.displayName },
    challenge: fromBase64url(json.challenge),
    pubKeyCredParams: json.pubKeyCredParams.map((p) => ({ type: p.type as PublicKeyCredentialType, alg: p.alg })),
    excludeCredentials: (json.excludeCredentials ?? []).map(descriptor),
  };
  if (json.timeout !== undefined) options.timeout = json.timeout;
  if (json.attestation !== undefined) options.attestation = json.attestation as AttestationConveyancePreference;
  if (json.authenticatorSelection) options.authenticatorSelection = { ...json.authenticatorSelection } as AuthenticatorSelectionCriteria;
  return options;
}

/** The server's sign-in options -> the `publicKey` argument of navigator.credentials.get(). */
export function requestOptionsFromJSON(json: RequestOptionsJSON): PublicKeyCredentialRequestOptions {
  const options: PublicKeyCredentialRequestOptions = {
    challenge: fromBase64url(json.challenge),
    allowCredentials: (json.allowCredentials ?? []).map(descriptor),
  };
  if (json.rpId !== undefined) options.rpId = json.rpId;
  if (json.timeout !== undefined) options.timeout = json.timeout;
  if (json.userVerification !== undefined) options.userVerification = json.userVerification as UserVerificationRequirement;
  return options;
}

/** What this module reads of a PublicKeyCredential (so tests can hand in a plain object). */
export interface CredentialLike {
  id: string;
  rawId: ArrayBuffer;
  type: string;
  authenticatorAttachment?: string | null;
  response: {
    clientDataJSON: ArrayBuffer;
    attestationObject?: ArrayBuffer;
    authenticatorData?: ArrayBuffer;
    signature?: ArrayBuffer;
    userHandle?: ArrayBuffer | null;
  };
}

function common(cred: CredentialLike) {
  return {
    id: cred.id,
    rawId: toBase64url(cred.rawId),
    type: cred.type,
    ...(typeof cred.authenticatorAttachment === 'string' ? { authenticatorAttachment: cred.authenticatorAttachment } : {}),
    // Trove asks for no extensions, so there are no results to pass on.
    clientExtensionResults: {},
  };
}

/** A credential from navigator.credentials.create() -> JSON for POST /me/passkeys. */
export function registrationToJSON(cred: CredentialLike): RegistrationJSON {
  if (!cred.response.attestationObject) throw new Error('not a new credential: no attestation object');
  return {
    ...common(cred),
    response: {
      clientDataJSON: toBase64url(cred.response.clientDataJSON),
      attestationObject: toBase64url(cred.response.attestationObject),
    },
  };
}

/** A credential from navigator.credentials.get() -> JSON for POST /auth/passkey. */
export function assertionToJSON(cred: CredentialLike): AssertionJSON {
  const r = cred.response;
  if (!r.authenticatorData || !r.signature) throw new Error('not an assertion: no authenticator data or signature');
  return {
    ...common(cred),
    response: {
      clientDataJSON: toBase64url(r.clientDataJSON),
      authenticatorData: toBase64url(r.authenticatorData),
      signature: toBase64url(r.signature),
      userHandle: r.userHandle ? toBase64url(r.userHandle) : null,
    },
  };
}

/** Asks the browser for a new passkey with the server's options; null when it gives nothing. */
export async function createCredential(json: CreationOptionsJSON): Promise<RegistrationJSON> {
  const cred = (await navigator.credentials.create({ publicKey: creationOptionsFromJSON(json) })) as unknown as CredentialLike | null;
  if (!cred) throw new DOMException('no credential', 'NotAllowedError');
  return registrationToJSON(cred);
}

/** Asks the browser for an assertion with the server's options (the person picks the passkey). */
export async function getAssertion(json: RequestOptionsJSON): Promise<AssertionJSON> {
  const cred = (await navigator.credentials.get({
    publicKey: requestOptionsFromJSON(json),
    mediation: 'optional',
  })) as unknown as CredentialLike | null;
  if (!cred) throw new DOMException('no credential', 'NotAllowedError');
  return assertionToJSON(cred);
}

/** Adding a passkey on the account page, or signing in with one. */
export type PasskeyAction = 'add' | 'signIn';

/** The catalogue key for what the browser's WebAuthn error means, or null if it is not one. */
export function browserProblemKey(err: unknown, action: PasskeyAction): MessageKey | null {
  const name = typeof err === 'object' && err !== null && typeof (err as { name?: unknown }).name === 'string' ? (err as { name: string }).name : '';
  switch (name) {
    // Closed, timed out, or no passkey chosen: browsers do not say which, on purpose.
    case 'NotAllowedError':
    case 'AbortError':
      return action === 'add' ? 'passkeys.error.cancelledAdd' : 'passkeys.error.cancelledSignIn';
    // create() with excludeCredentials: this authenticator already holds one of this account's passkeys.
    case 'InvalidStateError':
      return action === 'add' ? 'passkeys.error.alreadyHere' : null;
    case 'SecurityError':
      return 'passkeys.error.address';
    case 'NotSupportedError':
      return 'passkeys.error.notSupported';
    default:
      return null;
  }
}

/** A sentence for anything that went wrong while adding or using a passkey. */
export function passkeyErrorMessage(err: unknown, action: PasskeyAction, tr: Translate = translateNow): string {
  if (err instanceof ApiError) return err.message;
  const key = browserProblemKey(err, action);
  if (key) return tr(key);
  return tr(action === 'add' ? 'passkeys.error.unexpectedAdd' : 'passkeys.error.unexpectedSignIn');
}
