import type { Client, User } from '../api/types';

export function user(overrides: Partial<User> = {}): User {
  return {
    id: 'u1',
    email: 'anna@example.org',
    name: 'Anna Berg',
    role: 'therapist',
    active: true,
    client_id: null,
    supervisor_ids: [],
    supervisee_ids: [],
    created_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

export function client(overrides: Partial<Client> = {}): Client {
  return {
    id: 'c1',
    display_name: 'Mia K.',
    birth_year: 1994,
    contexts: ['individual'],
    status: 'active',
    therapist_ids: ['u1'],
    has_portal_account: false,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

export interface RecordedCall {
  url: string;
  init: RequestInit;
}

/** A fetch double that records each call and answers from a queue of canned responses. */
export function fakeFetch(...responses: (Response | (() => Response) | Error)[]) {
  const calls: RecordedCall[] = [];
  const fn = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    calls.push({ url: String(input), init });
    const next = responses.shift();
    if (next === undefined) throw new Error(`unexpected request ${String(input)}`);
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next() : next;
  };
  return { fetch: fn as typeof fetch, calls };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function headerOf(call: RecordedCall | undefined, name: string): string | undefined {
  const headers = (call?.init.headers ?? {}) as Record<string, string>;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? headers[key] : undefined;
}
