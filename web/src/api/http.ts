import { type ApiError, errorFromResponse, invalidResponseError, networkError } from './errors';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Query = Record<string, string | number | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export interface HttpClientOptions {
  fetch?: typeof fetch;
  /** Called when the server says the session is gone, so the app can show the login page. */
  onUnauthenticated?: (err: ApiError) => void;
  /** Called on 403 second_factor_setup_required: the practice asks this person to set one up first. */
  onSecondFactorSetupRequired?: (err: ApiError) => void;
}

const MUTATING: ReadonlySet<Method> = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    // Empty filters mean "no filter"; sending `status=` would ask the server for an invalid status.
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * The single place where the SPA talks HTTP: same-origin cookies, the CSRF token on every
 * state-changing request, and one error shape for everything that can go wrong.
 */
export class HttpClient {
  private csrfToken: string | null = null;
  private readonly fetchImpl: typeof fetch;
  private readonly onUnauthenticated: ((err: ApiError) => void) | undefined;
  private readonly onSecondFactorSetupRequired: ((err: ApiError) => void) | undefined;

  constructor(options: HttpClientOptions = {}) {
    // Bound so that `window.fetch` keeps its receiver when called as a field.
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.onUnauthenticated = options.onUnauthenticated;
    this.onSecondFactorSetupRequired = options.onSecondFactorSetupRequired;
  }

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  get hasCsrfToken(): boolean {
    return this.csrfToken !== null;
  }

  async request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    if (MUTATING.has(method) && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;

    let response: Response;
    try {
      response = await this.fetchImpl(buildUrl(path, options.query), {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: options.signal,
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw networkError();
    }

    if (response.status === 204) return undefined as T;

    const text = await response.text();
    let parsed: unknown;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }

    if (!response.ok) {
      const err = errorFromResponse(response.status, parsed, response.headers.get('Retry-After'));
      // A wrong password is also a 401, but it must not look like an expired session.
      if (err.status === 401 && err.code === 'unauthenticated') this.onUnauthenticated?.(err);
      if (err.status === 403 && err.code === 'second_factor_setup_required') this.onSecondFactorSetupRequired?.(err);
      throw err;
    }
    if (parsed === undefined && text !== '') {
      throw invalidResponseError(response.status);
    }
    return parsed as T;
  }
}
