import type { HttpClient } from '../../api/http';
import type { TroveApi } from '../../api/trove';
import type { Items } from '../../api/types';
import { currentLocale, type Locale } from '../i18n';
import { useSession } from '../session';
import type { NewNote, NewSession, Note, NotePatch, Session, SessionPatch, SessionQuery, TimelineItem } from './types';

const V1 = '/api/v1';
const enc = encodeURIComponent;

/** Typed calls for appointments, session notes and the client timeline, on the app's one HTTP client. */
export class SessionsApi {
  constructor(private readonly http: HttpClient) {}

  listSessions(query: SessionQuery = {}, signal?: AbortSignal): Promise<Items<Session>> {
    return this.http.request('GET', `${V1}/sessions`, {
      query: { client_id: query.client_id, case_id: query.case_id, from: query.from, to: query.to, limit: query.limit },
      signal,
    });
  }

  createSession(input: NewSession): Promise<Session> {
    return this.http.request('POST', `${V1}/sessions`, { body: input });
  }

  getSession(id: string): Promise<Session> {
    return this.http.request('GET', `${V1}/sessions/${enc(id)}`);
  }

  updateSession(id: string, patch: SessionPatch): Promise<Session> {
    return this.http.request('PATCH', `${V1}/sessions/${enc(id)}`, { body: patch });
  }

  listNotes(sessionId: string): Promise<Items<Note>> {
    return this.http.request('GET', `${V1}/sessions/${enc(sessionId)}/notes`);
  }

  createNote(sessionId: string, input: NewNote): Promise<Note> {
    return this.http.request('POST', `${V1}/sessions/${enc(sessionId)}/notes`, { body: input });
  }

  getNote(id: string): Promise<Note> {
    return this.http.request('GET', `${V1}/notes/${enc(id)}`);
  }

  updateNote(id: string, patch: NotePatch): Promise<Note> {
    return this.http.request('PATCH', `${V1}/notes/${enc(id)}`, { body: patch });
  }

  /** The author signs a draft; a supervisor or another care-team therapist co-signs a signed note. */
  signNote(id: string): Promise<Note> {
    return this.http.request('POST', `${V1}/notes/${enc(id)}/sign`, { body: {} });
  }

  addAddendum(id: string, text: string): Promise<Note> {
    return this.http.request('POST', `${V1}/notes/${enc(id)}/addenda`, { body: { text } });
  }

  /** Newest first; a score's band comes in the reader's language. */
  timeline(clientId: string, lang: Locale = currentLocale()): Promise<Items<TimelineItem>> {
    return this.http.request('GET', `${V1}/clients/${enc(clientId)}/timeline`, { query: { lang } });
  }
}

const instances = new WeakMap<TroveApi, SessionsApi>();

export function sessionsApiFor(api: TroveApi): SessionsApi {
  let s = instances.get(api);
  if (!s) {
    s = new SessionsApi(api.http);
    instances.set(api, s);
  }
  return s;
}

export function useSessionsApi(): SessionsApi {
  return sessionsApiFor(useSession().api);
}
