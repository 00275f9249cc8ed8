import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './errors';
import { HttpClient, buildUrl } from './http';
import { fakeFetch, headerOf, json } from '../test/fixtures';

describe('buildUrl', () => {
  it('drops empty filters and encodes the rest', () => {
    expect(buildUrl('/api/v1/clients', { status: '', q: 'Mia K.', cursor: null, limit: 25, x: undefined })).toBe(
      '/api/v1/clients?q=Mia+K.&limit=25',
    );
    expect(buildUrl('/api/v1/clients', { status: '' })).toBe('/api/v1/clients');
    expect(buildUrl('/api/v1/me')).toBe('/api/v1/me');
  });
});

describe('HttpClient', () => {
  it('sends the CSRF token on POST, PATCH, PUT and DELETE but not on GET', async () => {
    const f = fakeFetch(json(200, {}), json(200, {}), json(200, {}), json(200, {}), new Response(null, { status: 204 }));
    const http = new HttpClient({ fetch: f.fetch });
    http.setCsrfToken('tok-123');
    await http.request('GET', '/a');
    await http.request('POST', '/a', { body: {} });
    await http.request('PATCH', '/a', { body: {} });
    await http.request('PUT', '/a', { body: {} });
    await http.request('DELETE', '/a');
    expect(f.calls.map((c) => headerOf(c, 'X-CSRF-Token'))).toEqual([undefined, 'tok-123', 'tok-123', 'tok-123', 'tok-123']);
  });

  it('sends no CSRF header when there is no token yet (e.g. the login request)', async () => {
    const f = fakeFetch(json(200, {}));
    await new HttpClient({ fetch: f.fetch }).request('POST', '/api/v1/auth/login', { body: {} });
    expect(headerOf(f.calls[0], 'X-CSRF-Token')).toBeUndefined();
  });

  it('sends same-origin credentials and JSON bodies', async () => {
    const f = fakeFetch(json(201, { id: 'c1' }));
    const result = await new HttpClient({ fetch: f.fetch }).request<{ id: string }>('POST', '/x', { body: { a: 1 } });
    expect(result).toEqual({ id: 'c1' });
    expect(f.calls[0]!.init.credentials).toBe('same-origin');
    expect(f.calls[0]!.init.body).toBe('{"a":1}');
    expect(headerOf(f.calls[0], 'Content-Type')).toBe('application/json');
  });

  it('returns undefined for 204 No Content', async () => {
    const f = fakeFetch(new Response(null, { status: 204 }));
    await expect(new HttpClient({ fetch: f.fetch }).request('POST', '/api/v1/auth/logout')).resolves.toBeUndefined();
  });

  it('throws an ApiError with the server’s message and the Retry-After wait', async () => {
    const f = fakeFetch(
      json(429, { error: { code: 'too_many_attempts', message: 'Too many.' } }, { 'Retry-After': '90' }),
    );
    const err = await new HttpClient({ fetch: f.fetch }).request('POST', '/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe('Too many attempts. Try again in 2 minutes.');
  });

  it('maps a failed connection to a network error', async () => {
    const f = fakeFetch(new TypeError('Failed to fetch'));
    const err = await new HttpClient({ fetch: f.fetch }).request('GET', '/x').catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('network');
    expect((err as ApiError).status).toBe(0);
  });

  it('reports an expired session, but not a wrong password, to onUnauthenticated', async () => {
    const onUnauthenticated = vi.fn();
    const f = fakeFetch(
      json(401, { error: { code: 'invalid_credentials', message: 'Wrong email or password.' } }),
      json(401, { error: { code: 'unauthenticated', message: 'Please sign in.' } }),
    );
    const http = new HttpClient({ fetch: f.fetch, onUnauthenticated });
    // The catalogue's sentence for each code, not the server's English words.
    await expect(http.request('POST', '/api/v1/auth/login', { body: {} })).rejects.toThrow(
      'The email address or password is not right. Please check both and try again.',
    );
    expect(onUnauthenticated).not.toHaveBeenCalled();
    await expect(http.request('GET', '/api/v1/clients')).rejects.toThrow('Please sign in to continue.');
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('reports a practice that requires a second factor first, and no other refusal, to onSecondFactorSetupRequired', async () => {
    const onSecondFactorSetupRequired = vi.fn();
    const f = fakeFetch(
      json(403, { error: { code: 'forbidden', message: 'No.' } }),
      json(403, { error: { code: 'second_factor_setup_required', message: 'Set up a second factor first.' } }),
    );
    const http = new HttpClient({ fetch: f.fetch, onSecondFactorSetupRequired });
    await expect(http.request('GET', '/api/v1/clients')).rejects.toThrow('You do not have access to this.');
    expect(onSecondFactorSetupRequired).not.toHaveBeenCalled();
    await expect(http.request('GET', '/api/v1/clients')).rejects.toThrow('Your practice asks you to set up two-step sign-in first.');
    expect(onSecondFactorSetupRequired).toHaveBeenCalledTimes(1);
  });

  it('rejects a 200 whose body is not JSON instead of handing garbage to the UI', async () => {
    const f = fakeFetch(new Response('<html>proxy</html>', { status: 200 }));
    const err = await new HttpClient({ fetch: f.fetch }).request('GET', '/x').catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('invalid_response');
  });
});
