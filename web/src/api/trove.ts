import { HttpClient, type HttpClientOptions } from './http';
import type {
  AuditEvent,
  Balance,
  Case,
  CaseInput,
  Client,
  Goal,
  GoalInput,
  InterviewCategory,
  Items,
  Problem,
  ProblemInput,
  Rating,
  Resource,
  ResourceInput,
  ResourceMap,
  ResourcePatch,
  ResourceStatus,
  ScaleRating,
  Strength,
  ClientInput,
  ClientStatus,
  Invite,
  InstrumentPatch,
  InstrumentSummary,
  FhirQuestionnaire,
  AckInput,
  AlertList,
  Crisis,
  PracticeSettings,
  RiskAlert,
  MeasureAssignment,
  MeasureAssignmentInput,
  MeasureResponse,
  MeasureSeries,
  NewMeasureResponse,
  QuestionnaireLink,
  QuestionnaireLinkDone,
  Answers,
  LoginResult,
  Me,
  ApiToken,
  NewApiToken,
  SecondFactor,
  TotpSetup,
  NewUser,
  Page,
  User,
  UserPatch,
} from './types';
import { currentLocale, type Locale } from '../shared/i18n';

const V1 = '/api/v1';

/** Whose resources: one client's, or a case's collective ones. */
export interface Owner {
  kind: 'client' | 'case';
  id: string;
}

function ownerPath(owner: Owner): string {
  return `${V1}/${owner.kind === 'client' ? 'clients' : 'cases'}/${encodeURIComponent(owner.id)}`;
}

function enc(id: string): string {
  return encodeURIComponent(id);
}

export interface ResourceQuery {
  status?: ResourceStatus | 'all' | '';
  category?: string;
  q?: string;
}

export interface NewRating {
  availability: number;
  activation: number;
  /** A past time, e.g. the session the rating was taken in; omitted = now. */
  rated_at?: string;
}

export interface NewScaleRating {
  value: number;
  rated_at?: string;
}

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

  /** Changes the signed-in person's own settings; today only their language (`{"locale": "pl"}`). */
  updateMe(patch: { locale: string }): Promise<unknown> {
    return this.http.request('PATCH', `${V1}/me`, { body: patch });
  }

  /** The practice's IANA time zone (from the journal settings every signed-in person may read). */
  async practiceTimeZone(): Promise<string | null> {
    const settings = await this.http.request<{ time_zone?: unknown }>('GET', `${V1}/journal-settings`);
    return typeof settings.time_zone === 'string' && settings.time_zone !== '' ? settings.time_zone : null;
  }

  /**
   * Signs in. With two-step sign-in on, the first try answers 401 second_factor_required and the
   * second sends the code from the app (`{totp}`) or a recovery code (`{recovery_code}`) as well.
   */
  async login(email: string, password: string, second?: SecondFactor): Promise<LoginResult> {
    const result = await this.http.request<LoginResult>('POST', `${V1}/auth/login`, {
      body: { email, password, ...second },
    });
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

  // ---- The signed-in person's own account (issue 16) ----

  /** Ends every other session of this account and revokes its API tokens. */
  changePassword(current: string, next: string): Promise<void> {
    return this.http.request('POST', `${V1}/me/password`, { body: { current, new: next } });
  }

  /** A new authenticator secret; not active until confirmTotp (409 totp_active when one is on). */
  startTotp(): Promise<TotpSetup> {
    return this.http.request('POST', `${V1}/me/totp`);
  }

  /** Turns two-step sign-in on with a code from the app; answers the ten recovery codes, once. */
  confirmTotp(code: string): Promise<{ recovery_codes: string[] }> {
    return this.http.request('POST', `${V1}/me/totp/confirm`, { body: { code } });
  }

  /** Turns two-step sign-in off; needs a current code from the app. */
  disableTotp(code: string): Promise<void> {
    return this.http.request('DELETE', `${V1}/me/totp`, { body: { code } });
  }

  /** Signs this account out on every other device and browser. */
  signOutOtherSessions(): Promise<void> {
    return this.http.request('DELETE', `${V1}/me/sessions`);
  }

  async listTokens(): Promise<ApiToken[]> {
    const answer = await this.http.request<ApiToken[] | { items: ApiToken[] }>('GET', `${V1}/tokens`);
    return Array.isArray(answer) ? answer : answer.items;
  }

  createToken(name: string, expiresInDays: number): Promise<NewApiToken> {
    return this.http.request('POST', `${V1}/tokens`, { body: { name, expires_in_days: expiresInDays } });
  }

  revokeToken(id: string): Promise<void> {
    return this.http.request('DELETE', `${V1}/tokens/${encodeURIComponent(id)}`);
  }

  acceptInvite(token: string, password: string): Promise<{ user: User }> {
    return this.http.request('POST', `${V1}/auth/accept-invite`, { body: { token, password } });
  }

  /** Chooses a new password through the one-time link the practice sent. */
  resetPassword(token: string, password: string): Promise<{ user: User }> {
    return this.http.request('POST', `${V1}/auth/reset-password`, { body: { token, password } });
  }

  /** A one-time link for a person to choose a new password (admin). */
  createPasswordReset(userId: string): Promise<{ url: string; token: string; expires_at: string }> {
    return this.http.request('POST', `${V1}/users/${encodeURIComponent(userId)}/password-reset`, { body: {} });
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

  // ---- Resources, goals, problems, cases ----

  /** The 24 strengths with names and descriptions in the reader's language (codes stay). */
  listStrengths(lang: Locale = currentLocale()): Promise<Items<Strength>> {
    return this.http.request('GET', `${V1}/strengths`, { query: { lang } });
  }

  /** The guided resource interview's titles and questions in the reader's language. */
  resourceInterview(lang: Locale = currentLocale()): Promise<{ categories: InterviewCategory[] }> {
    return this.http.request('GET', `${V1}/resource-interview`, { query: { lang } });
  }

  listResources(owner: Owner, query: ResourceQuery = {}, signal?: AbortSignal): Promise<Items<Resource>> {
    return this.http.request('GET', `${ownerPath(owner)}/resources`, {
      query: { status: query.status, category: query.category, q: query.q?.trim() },
      signal,
    });
  }

  createResource(owner: Owner, input: ResourceInput): Promise<Resource> {
    return this.http.request('POST', `${ownerPath(owner)}/resources`, { body: input });
  }

  getResource(id: string): Promise<Resource> {
    return this.http.request('GET', `${V1}/resources/${enc(id)}`);
  }

  updateResource(id: string, patch: ResourcePatch): Promise<Resource> {
    return this.http.request('PATCH', `${V1}/resources/${enc(id)}`, { body: patch });
  }

  /** Archives; the resource can be restored with updateResource(id, {status: 'active'}). */
  archiveResource(id: string): Promise<Resource> {
    return this.http.request('DELETE', `${V1}/resources/${enc(id)}`);
  }

  listRatings(resourceId: string): Promise<Items<Rating>> {
    return this.http.request('GET', `${V1}/resources/${enc(resourceId)}/ratings`);
  }

  rateResource(resourceId: string, rating: NewRating): Promise<Rating> {
    return this.http.request('POST', `${V1}/resources/${enc(resourceId)}/ratings`, { body: rating });
  }

  resourceMap(owner: Owner, at: string | null, signal?: AbortSignal): Promise<ResourceMap> {
    return this.http.request('GET', `${ownerPath(owner)}/resource-map`, { query: { at }, signal });
  }

  balance(clientId: string): Promise<Balance> {
    return this.http.request('GET', `${V1}/clients/${enc(clientId)}/balance`);
  }

  listGoals(clientId: string): Promise<Items<Goal>> {
    return this.http.request('GET', `${V1}/clients/${enc(clientId)}/goals`);
  }

  createGoal(clientId: string, input: GoalInput): Promise<Goal> {
    return this.http.request('POST', `${V1}/clients/${enc(clientId)}/goals`, { body: input });
  }

  getGoal(id: string): Promise<Goal> {
    return this.http.request('GET', `${V1}/goals/${enc(id)}`);
  }

  updateGoal(id: string, patch: Partial<GoalInput>): Promise<Goal> {
    return this.http.request('PATCH', `${V1}/goals/${enc(id)}`, { body: patch });
  }

  listGoalRatings(id: string): Promise<Items<ScaleRating>> {
    return this.http.request('GET', `${V1}/goals/${enc(id)}/ratings`);
  }

  rateGoal(id: string, rating: NewScaleRating): Promise<ScaleRating> {
    return this.http.request('POST', `${V1}/goals/${enc(id)}/ratings`, { body: rating });
  }

  listProblems(clientId: string): Promise<Items<Problem>> {
    return this.http.request('GET', `${V1}/clients/${enc(clientId)}/problems`);
  }

  createProblem(clientId: string, input: ProblemInput): Promise<Problem> {
    return this.http.request('POST', `${V1}/clients/${enc(clientId)}/problems`, { body: input });
  }

  getProblem(id: string): Promise<Problem> {
    return this.http.request('GET', `${V1}/problems/${enc(id)}`);
  }

  updateProblem(id: string, patch: Partial<ProblemInput>): Promise<Problem> {
    return this.http.request('PATCH', `${V1}/problems/${enc(id)}`, { body: patch });
  }

  listProblemRatings(id: string): Promise<Items<ScaleRating>> {
    return this.http.request('GET', `${V1}/problems/${enc(id)}/ratings`);
  }

  rateProblem(id: string, rating: NewScaleRating): Promise<ScaleRating> {
    return this.http.request('POST', `${V1}/problems/${enc(id)}/ratings`, { body: rating });
  }

  listCases(): Promise<Items<Case>> {
    return this.http.request('GET', `${V1}/cases`);
  }

  createCase(input: CaseInput): Promise<Case> {
    return this.http.request('POST', `${V1}/cases`, { body: input });
  }

  getCase(id: string): Promise<Case> {
    return this.http.request('GET', `${V1}/cases/${enc(id)}`);
  }

  updateCase(id: string, patch: Partial<Omit<CaseInput, 'kind'>> & { therapist_ids?: string[] }): Promise<Case> {
    return this.http.request('PATCH', `${V1}/cases/${enc(id)}`, { body: patch });
  }

  /** Every client the signed-in person may see (pickers for cases; names for member lists). */
  async listAllClients(): Promise<Client[]> {
    const all: Client[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const result: Page<Client> = await this.listClients({ cursor, limit: 200 });
      all.push(...result.items);
      cursor = result.next_cursor;
      if (!cursor) break;
    }
    return all;
  }

  // ---- Questionnaires ----

  /** The practice's instruments, their titles in the reader's language where a validated translation ships. */
  listInstruments(lang: Locale = currentLocale()): Promise<Items<InstrumentSummary>> {
    return this.http.request('GET', `${V1}/instruments`, { query: { lang } });
  }

  /** The FHIR R4 Questionnaire of an instrument (what the filler renders). */
  getQuestionnaire(instrument: string, lang: Locale = currentLocale()): Promise<FhirQuestionnaire> {
    // The validated translation in the reader's language where one ships; English otherwise.
    return this.http.request('GET', `${V1}/instruments/${enc(instrument)}`, { query: { lang } });
  }

  // The server's own words about questionnaires (construct, licence, scale and band names, alert
  // and deterioration messages) come in the `lang` asked for: the reader's, like the texts here.

  updateInstrument(instrument: string, patch: InstrumentPatch, lang: Locale = currentLocale()): Promise<InstrumentSummary> {
    return this.http.request('PATCH', `${V1}/instruments/${enc(instrument)}`, { query: { lang }, body: patch });
  }

  listResponses(clientId: string, instrument?: string, lang: Locale = currentLocale()): Promise<Items<MeasureResponse>> {
    return this.http.request('GET', `${V1}/clients/${enc(clientId)}/responses`, { query: { instrument, lang } });
  }

  submitResponse(clientId: string, input: NewMeasureResponse, lang: Locale = currentLocale()): Promise<MeasureResponse> {
    return this.http.request('POST', `${V1}/clients/${enc(clientId)}/responses`, { query: { lang }, body: input });
  }

  getResponse(id: string, lang: Locale = currentLocale()): Promise<MeasureResponse> {
    return this.http.request('GET', `${V1}/responses/${enc(id)}`, { query: { lang } });
  }

  /** Acknowledges every open alert of one response, recording what was done. */
  acknowledgeAlerts(responseId: string, input: AckInput, lang: Locale = currentLocale()): Promise<MeasureResponse> {
    return this.http.request('POST', `${V1}/responses/${enc(responseId)}/alerts/ack`, { query: { lang }, body: input });
  }

  measureSeries(clientId: string, instrument: string, lang: Locale = currentLocale()): Promise<MeasureSeries> {
    return this.http.request('GET', `${V1}/clients/${enc(clientId)}/measures/${enc(instrument)}`, { query: { lang } });
  }

  /** A therapist's caseload, a supervisor's supervisees' caseloads; escalated first. Default: open ones. */
  listAlerts(status?: 'open' | 'acknowledged' | 'all', lang: Locale = currentLocale()): Promise<AlertList> {
    return this.http.request('GET', `${V1}/alerts`, { query: { status, lang } });
  }

  acknowledgeAlert(id: string, input: AckInput, lang: Locale = currentLocale()): Promise<RiskAlert> {
    return this.http.request('POST', `${V1}/alerts/${enc(id)}/ack`, { query: { lang }, body: input });
  }

  /** How many open alerts waited past the practice's escalation time: a number only, no names. */
  alertEscalations(): Promise<{ count: number }> {
    return this.http.request('GET', `${V1}/alerts/escalations`);
  }

  // ---- Safety: crisis resources and practice settings ----

  getCrisis(): Promise<Crisis> {
    return this.http.request('GET', `${V1}/crisis`);
  }

  updateCrisis(crisis: Crisis): Promise<Crisis> {
    return this.http.request('PUT', `${V1}/crisis`, { body: crisis });
  }

  getPracticeSettings(): Promise<PracticeSettings> {
    return this.http.request('GET', `${V1}/practice-settings`);
  }

  updatePracticeSettings(patch: Partial<PracticeSettings>): Promise<PracticeSettings> {
    return this.http.request('PATCH', `${V1}/practice-settings`, { body: patch });
  }

  listAssignments(clientId: string): Promise<Items<MeasureAssignment>> {
    return this.http.request('GET', `${V1}/clients/${enc(clientId)}/measure-assignments`);
  }

  createAssignment(clientId: string, input: MeasureAssignmentInput): Promise<MeasureAssignment> {
    return this.http.request('POST', `${V1}/clients/${enc(clientId)}/measure-assignments`, { body: input });
  }

  /** Public: the token in a one-time link is the credential, no session needed. */
  /** `lang: null` leaves the choice to the server: the language of the client the link was made for. */
  openQuestionnaireLink(token: string, lang: Locale | null = currentLocale()): Promise<QuestionnaireLink> {
    const query = lang === null ? {} : { lang };
    return this.http.request('GET', `${V1}/questionnaire-links/${enc(token)}`, { query });
  }

  submitQuestionnaireLink(token: string, answers: Answers): Promise<QuestionnaireLinkDone> {
    return this.http.request('POST', `${V1}/questionnaire-links/${enc(token)}/response`, { body: { answers } });
  }
}
