import type { TroveApi } from './trove';
import type { LoginResult, Page } from './types';

const V1 = '/api/v1';

// Passkeys (issue 16, WebAuthn Level 2). The server speaks JSON with base64url strings where the
// browser's API wants bytes; shared/webauthn.ts converts between the two.

/** One of the signed-in person's passkeys. */
export interface Passkey {
  id: string;
  name: string;
  created_at: string;
  last_used_at?: string | null;
}

export interface CredentialDescriptorJSON {
  type: string;
  /** base64url */
  id: string;
  transports?: string[];
}

/** POST /me/passkeys/options: PublicKeyCredentialCreationOptions with base64url strings. */
export interface CreationOptionsJSON {
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  challenge: string;
  pubKeyCredParams: { type: string; alg: number }[];
  timeout?: number;
  attestation?: string;
  authenticatorSelection?: {
    authenticatorAttachment?: string;
    residentKey?: string;
    requireResidentKey?: boolean;
    userVerification?: string;
  };
  excludeCredentials?: CredentialDescriptorJSON[];
}

/** POST /auth/passkey/options: PublicKeyCredentialRequestOptions with base64url strings. */
export interface RequestOptionsJSON {
  challenge: string;
  rpId?: string;
  timeout?: number;
  userVerification?: string;
  allowCredentials?: CredentialDescriptorJSON[];
}

/** A new credential as JSON (what PublicKeyCredential.toJSON() makes for create()). */
export interface RegistrationJSON {
  id: string;
  rawId: string;
  type: string;
  response: { clientDataJSON: string; attestationObject: string };
  authenticatorAttachment?: string;
  clientExtensionResults: Record<string, unknown>;
}

/** An assertion as JSON (what PublicKeyCredential.toJSON() makes for get()). */
export interface AssertionJSON {
  id: string;
  rawId: string;
  type: string;
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle: string | null };
  authenticatorAttachment?: string;
  clientExtensionResults: Record<string, unknown>;
}

/** The options for adding a passkey to the signed-in account (409 too_many_passkeys at 20). */
export function passkeyCreationOptions(api: TroveApi): Promise<CreationOptionsJSON> {
  return api.http.request('POST', `${V1}/me/passkeys/options`, { body: {} });
}

/** Stores the new credential under `name`; 400 field "response" when the answer does not check out. */
export function registerPasskey(api: TroveApi, credential: RegistrationJSON, name: string): Promise<Passkey> {
  return api.http.request('POST', `${V1}/me/passkeys`, { body: { ...credential, name } });
}

export async function listPasskeys(api: TroveApi): Promise<Passkey[]> {
  const answer = await api.http.request<Page<Passkey> | Passkey[]>('GET', `${V1}/me/passkeys`);
  return Array.isArray(answer) ? answer : answer.items;
}

export function deletePasskey(api: TroveApi, id: string): Promise<void> {
  return api.http.request('DELETE', `${V1}/me/passkeys/${encodeURIComponent(id)}`);
}

/** A challenge for signing in with a discoverable passkey: no email needed. */
export function passkeySignInOptions(api: TroveApi): Promise<RequestOptionsJSON> {
  return api.http.request('POST', `${V1}/auth/passkey/options`, { body: {} });
}

/** Signs in with the assertion; answers like POST /auth/login (401 invalid_passkey otherwise). */
export async function signInWithPasskey(api: TroveApi, assertion: AssertionJSON): Promise<LoginResult> {
  const result = await api.http.request<LoginResult>('POST', `${V1}/auth/passkey`, { body: assertion });
  api.http.setCsrfToken(result.csrf_token);
  return result;
}
