import { HttpClient, type HttpClientOptions } from './http';
import type {
  AuditEvent,
  Client,
  ClientInput,
  ClientStatus,
  Invite,
  LoginResult,
  Me,
  NewUser,
  Page,
  User,
  UserPatch,
} from './types';

const V1 = '/api/v1';

export interface ClientQuery {
  status?: ClientStatus | '';
  q?: string;
  cursor?: string | null;
  limit?: number;
}

export interface AuditQuery {
  action?: string;
  actor_id?: string;
  cursor?: string | null;
  limit?: number;
}

/** Typed calls for every route the SPA uses. Keeps the CSRF token in step with the session. */
export class TroveApi {
  readonly http: HttpClient;

  constructor(options: HttpClientOptions = {}) {
    this.http = new HttpClient(options);
  }

  async me(): Promise<Me> {
    const me = await this.http.request<Me>('GET', `${V1}/me`);
    this.http.setCsrfToken(me.csrf_token);
    return me;
  }

  async login(email: string, password: string): Promise<LoginResult> {
    const result = await this.http.request<LoginResult>('POST', `${V1}/auth/login`, { body: { email, password } });
    this.http.setCsrfToken(result.csrf_token);
    return result;
  }

  async logout(): Promise<void> {
    try {
      await this.http.request<void>('POST', `${V1}/auth/logout`);
    } finally {
      this.http.setCsrfToken(null);
    }
  }

  acceptInvite(token: string, password: string): Promise<{ user: User }> {
    return this.http.request('POST', `${V1}/auth/accept-invite`, { body: { token, password } });
  }

  listClients(query: ClientQuery = {}, signal?: AbortSignal): Promise<Page<Client>> {
    return this.http.request('GET', `${V1}/clients`, {
      query: { status: query.status, q: query.q?.trim(), cursor: query.cursor, limit: query.limit },
      signal,
    });
  }

  getClient(id: string): Promise<Client> {
    return this.http.request('GET', `${V1}/clients/${encodeURIComponent(id)}`);
  }

  createClient(input: ClientInput): Promise<Client> {
    const body: Partial<ClientInput> = { ...input };
    // Omitted rather than null: "unknown" is the server's default for a new client.
    if (body.birth_year === null) delete body.birth_year;
    return this.http.request('POST', `${V1}/clients`, { body });
  }

  updateClient(id: string, patch: Partial<ClientInput> & { therapist_ids?: string[] }): Promise<Client> {
    return this.http.request('PATCH', `${V1}/clients/${encodeURIComponent(id)}`, { body: patch });
  }

  inviteClient(id: string, email: string): Promise<Invite> {
    return this.http.request('POST', `${V1}/clients/${encodeURIComponent(id)}/invite`, { body: { email } });
  }

  listUsers(cursor?: string | null): Promise<Page<User>> {
    return this.http.request('GET', `${V1}/users`, { query: { cursor, limit: 200 } });
  }

  /** Practices have tens of accounts, not thousands, so the admin screens hold all of them. */
  async listAllUsers(): Promise<User[]> {
    const users: User[] = [];
    let cursor: string | null = null;
    // Bounded so that a server that keeps returning a cursor cannot hang the page.
    for (let page = 0; page < 50; page++) {
      const result: Page<User> = await this.listUsers(cursor);
      users.push(...result.items);
      cursor = result.next_cursor;
      if (!cursor) break;
    }
    return users;
  }

  createUser(input: NewUser): Promise<User> {
    return this.http.request('POST', `${V1}/users`, { body: input });
  }

  updateUser(id: string, patch: UserPatch): Promise<User> {
    return this.http.request('PATCH', `${V1}/users/${encodeURIComponent(id)}`, { body: patch });
  }

  listAudit(query: AuditQuery = {}, signal?: AbortSignal): Promise<Page<AuditEvent>> {
    return this.http.request('GET', `${V1}/audit`, {
      query: { action: query.action?.trim(), actor_id: query.actor_id, cursor: query.cursor, limit: query.limit },
      signal,
    });
  }
}
