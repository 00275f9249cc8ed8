import type { HttpClient } from '../../api/http';
import type { TroveApi } from '../../api/trove';
import type { Items, Me } from '../../api/types';
import { useSession } from '../session';
import { currentLocale, type Locale } from '../i18n';
import type {
  AdherenceReport,
  Assignment,
  AssignmentBase,
  AssignmentInput,
  AssignmentPatch,
  Entry,
  EntryList,
  EntryPatch,
  EntryQuery,
  Exercise,
  ExerciseInput,
  JournalSettings,
  Milestones,
  NewEntry,
} from './types';
import type { Resource } from '../../api/types';

const V1 = '/api/v1';
const enc = encodeURIComponent;
const client = (id: string) => `${V1}/clients/${enc(id)}`;

/** Typed calls for the "between sessions" routes, on the app's one HTTP client (cookies + CSRF). */
export class JournalApi {
  constructor(private readonly http: HttpClient) {}

  /** The library in the reader's language (`?lang=`); the server answers English where it has nothing else. */
  listExercises(lang: Locale = currentLocale()): Promise<Items<Exercise>> {
    return this.http.request('GET', `${V1}/exercises`, { query: { lang } });
  }

  getExercise(id: string, lang: Locale = currentLocale()): Promise<Exercise> {
    return this.http.request('GET', `${V1}/exercises/${enc(id)}`, { query: { lang } });
  }

  createExercise(input: ExerciseInput): Promise<Exercise> {
    return this.http.request('POST', `${V1}/exercises`, { body: input });
  }

  listAssignments(clientId: string): Promise<Items<Assignment>> {
    return this.http.request('GET', `${client(clientId)}/assignments`);
  }

  createAssignment(clientId: string, input: AssignmentInput): Promise<AssignmentBase> {
    return this.http.request('POST', `${client(clientId)}/assignments`, { body: input });
  }

  /** The same exercise for every member of a couple, family or group: one assignment each. */
  assignToCase(caseId: string, input: AssignmentInput): Promise<Items<AssignmentBase>> {
    return this.http.request('POST', `${V1}/cases/${enc(caseId)}/assignments`, { body: input });
  }

  updateAssignment(id: string, patch: AssignmentPatch): Promise<AssignmentBase> {
    return this.http.request('PATCH', `${V1}/assignments/${enc(id)}`, { body: patch });
  }

  listEntries(clientId: string, query: EntryQuery = {}, signal?: AbortSignal): Promise<EntryList> {
    return this.http.request('GET', `${client(clientId)}/journal`, {
      query: { q: query.q?.trim(), kind: query.kind, from: query.from, to: query.to, limit: query.limit },
      signal,
    });
  }

  createEntry(clientId: string, input: NewEntry): Promise<Entry> {
    return this.http.request('POST', `${client(clientId)}/journal`, { body: input });
  }

  updateEntry(id: string, patch: EntryPatch): Promise<Entry> {
    return this.http.request('PATCH', `${V1}/journal/${enc(id)}`, { body: patch });
  }

  deleteEntry(id: string): Promise<void> {
    return this.http.request('DELETE', `${V1}/journal/${enc(id)}`);
  }

  addAsEvidence(entryId: string, resourceId: string): Promise<Resource> {
    return this.http.request('POST', `${V1}/journal/${enc(entryId)}/evidence`, { body: { resource_id: resourceId } });
  }

  settings(): Promise<JournalSettings> {
    return this.http.request('GET', `${V1}/journal-settings`);
  }

  updateSettings(patch: Partial<JournalSettings>): Promise<JournalSettings> {
    return this.http.request('PATCH', `${V1}/journal-settings`, { body: patch });
  }

  adherence(clientId: string): Promise<AdherenceReport> {
    return this.http.request('GET', `${client(clientId)}/adherence`);
  }

  milestones(clientId: string): Promise<Milestones> {
    return this.http.request('GET', `${client(clientId)}/milestones`);
  }

  setMilestones(clientId: string, enabled: boolean): Promise<Milestones> {
    return this.http.request('PATCH', `${client(clientId)}/milestones`, { body: { enabled } });
  }

  calendarFeedStatus(clientId: string): Promise<{ active: boolean; created_at: string | null }> {
    return this.http.request('GET', `${client(clientId)}/calendar-feed`);
  }

  createCalendarFeed(clientId: string): Promise<{ url: string }> {
    return this.http.request('POST', `${client(clientId)}/calendar-feed`);
  }

  revokeCalendarFeed(clientId: string): Promise<void> {
    return this.http.request('DELETE', `${client(clientId)}/calendar-feed`);
  }
}

const instances = new WeakMap<TroveApi, JournalApi>();

export function journalApiFor(api: TroveApi): JournalApi {
  let j = instances.get(api);
  if (!j) {
    j = new JournalApi(api.http);
    instances.set(api, j);
  }
  return j;
}

export function useJournalApi(): JournalApi {
  return journalApiFor(useSession().api);
}

/** Personal mode: the signed-in client is their own therapist. (`personal` is not in the shared Me type yet.) */
export function isPersonal(me: Me): boolean {
  return (me.practice as { personal?: unknown }).personal === true;
}
