// Shapes of the Trove HTTP API v1 (docs/api.md). Kept by hand and small on purpose:
// the UI only depends on the fields it shows.

export type Role = 'admin' | 'therapist' | 'supervisor' | 'client';
export const ROLES: readonly Role[] = ['therapist', 'supervisor', 'admin', 'client'];

export type ClientContext = 'individual' | 'youth' | 'trauma' | 'couple' | 'family' | 'group';
export const CLIENT_CONTEXTS: readonly ClientContext[] = [
  'individual',
  'youth',
  'trauma',
  'couple',
  'family',
  'group',
];

export type ClientStatus = 'active' | 'paused' | 'closed';
export const CLIENT_STATUSES: readonly ClientStatus[] = ['active', 'paused', 'closed'];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  client_id: string | null;
  supervisor_ids: string[];
  supervisee_ids: string[];
  created_at: string;
  /** The language Trove speaks to this person ("en", "pl" or "de"); older servers leave it out. */
  locale?: string;
  /** Two-step sign-in (an authenticator app) is on for this account; older servers leave it out. */
  totp_enabled?: boolean;
  /** How many passkeys the account has (each counts as a second factor); older servers leave it out. */
  passkeys?: number;
}

export interface Practice {
  id: string;
  name: string;
  /** Personal mode: one person using Trove on their own (older servers leave it out). */
  personal?: boolean;
}

export interface Me {
  user: User;
  csrf_token: string;
  practice: Practice;
  /**
   * The practice asks staff for a second factor and this person has none yet: every route but
   * /me, sign-out and the set-up answers 403 second_factor_setup_required until they set one up.
   */
  second_factor_setup_required?: boolean;
}

export interface LoginResult {
  user: User;
  csrf_token: string;
}

export interface Client {
  id: string;
  display_name: string;
  birth_year: number | null;
  contexts: ClientContext[];
  status: ClientStatus;
  therapist_ids: string[];
  has_portal_account: boolean;
  created_at: string;
  updated_at: string;
}

export interface ClientInput {
  display_name: string;
  birth_year: number | null;
  contexts: ClientContext[];
  status: ClientStatus;
}

export interface Invite {
  url: string;
  expires_at: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  client_id?: string;
}

export interface UserPatch {
  name?: string;
  active?: boolean;
  password?: string;
  supervisor_ids?: string[];
  supervisee_ids?: string[];
  /** With `active: false`: the active therapist who takes over the person's clients, cases, sessions and open alerts. */
  reassign_to?: string;
}

export interface AuditEvent {
  id: string;
  seq: number;
  at: string;
  actor_id: string | null;
  actor_role: Role | string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  ip: string | null;
}

// ---- The resource map (docs/api.md, "Resources, goals, problems, cases") ----

export type ResourceCategory = 'strength' | 'skill' | 'social' | 'body' | 'material' | 'meaning' | 'interest' | 'success';
export const RESOURCE_CATEGORIES: readonly ResourceCategory[] = [
  'strength',
  'skill',
  'social',
  'body',
  'material',
  'meaning',
  'interest',
  'success',
];

export type ResourceSource = 'client' | 'therapist' | 'assessment';
export const RESOURCE_SOURCES: readonly ResourceSource[] = ['client', 'therapist', 'assessment'];

export type ResourceStatus = 'proposed' | 'active' | 'archived';

export interface LatestRating {
  availability: number;
  activation: number;
  rated_at: string;
  rated_by_role: 'therapist' | 'client' | string;
}

export interface Resource {
  id: string;
  client_id: string | null;
  case_id: string | null;
  title: string;
  description: string | null;
  category: ResourceCategory;
  source: ResourceSource;
  strength_code: string | null;
  stabilising: boolean;
  evidence: string | null;
  visible_to_client: boolean;
  /** Absent from every answer a client gets. */
  therapist_note?: string | null;
  status: ResourceStatus;
  created_by_role: string;
  latest_rating: LatestRating | null;
  created_at: string;
  updated_at: string;
}

/** What a form sends; optional fields are omitted on create and sent (possibly empty) on edit. */
export interface ResourceInput {
  title: string;
  category: ResourceCategory;
  description?: string;
  source?: ResourceSource;
  strength_code?: string | null;
  stabilising?: boolean;
  evidence?: string;
  visible_to_client?: boolean;
  therapist_note?: string;
}

export interface ResourcePatch extends Partial<ResourceInput> {
  status?: ResourceStatus;
}

export interface Rating {
  id: string;
  resource_id: string;
  availability: number;
  activation: number;
  rated_at: string;
  rated_by_role: string;
}

export interface TrendPoint {
  availability: number;
  activation: number;
  rated_at: string;
}

export interface MapResource extends Resource {
  rating: LatestRating | null;
  trend: TrendPoint[];
}

export interface ResourceMap {
  at: string;
  first_rating_at: string | null;
  last_rating_at: string | null;
  categories: ResourceCategory[];
  resources: MapResource[];
}

export interface Strength {
  code: string;
  name: string;
  virtue: string;
  description: string;
}

export interface InterviewCategory {
  category: ResourceCategory;
  title: string;
  questions: string[];
}

export type GoalStatus = 'active' | 'achieved' | 'paused' | 'dropped';
export const GOAL_STATUSES: readonly GoalStatus[] = ['active', 'achieved', 'paused', 'dropped'];
export type ProblemStatus = 'active' | 'resolved';
export const PROBLEM_STATUSES: readonly ProblemStatus[] = ['active', 'resolved'];

export interface ScaleRating {
  id?: string;
  value: number;
  rated_at: string;
  rated_by_role: string;
}

export interface Goal {
  id: string;
  client_id: string;
  title: string;
  description: string | null;
  status: GoalStatus;
  resource_ids: string[];
  latest_rating: ScaleRating | null;
  created_at: string;
  updated_at: string;
}

export interface Problem {
  id: string;
  client_id: string;
  title: string;
  description: string | null;
  status: ProblemStatus;
  latest_rating: ScaleRating | null;
  created_at: string;
  updated_at: string;
}

export interface GoalInput {
  title: string;
  description?: string;
  status?: GoalStatus;
  resource_ids?: string[];
}

export interface ProblemInput {
  title: string;
  description?: string;
  status?: ProblemStatus;
}

export type CaseKind = 'couple' | 'family' | 'group';
export const CASE_KINDS: readonly CaseKind[] = ['couple', 'family', 'group'];

export interface Case {
  id: string;
  kind: CaseKind;
  name: string;
  member_ids: string[];
  therapist_ids: string[];
  created_at: string;
  updated_at: string;
}

export interface CaseInput {
  kind: CaseKind;
  name: string;
  member_ids: string[];
}

export interface BalancePoint {
  date: string;
  resource_availability: number | null;
  resource_activation: number | null;
  problem_intensity: number | null;
  goal_progress: number | null;
}

export interface Balance {
  points: BalancePoint[];
}

export interface Items<T> {
  items: T[];
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

// ---- Questionnaires (docs/api.md, "Questionnaires (instruments, responses, assignments, alerts)") ----

export type LicenceStatus = 'free' | 'free_cite' | 'free_credit' | 'non_commercial' | 'confirm';

export interface InstrumentLicence {
  status: LicenceStatus | string;
  default_enabled: boolean;
  text: string;
  url: string | null;
}

/** GET /api/v1/instruments: one instrument and whether this practice uses it. */
export interface InstrumentSummary {
  id: string;
  version: string;
  title: string;
  short_name: string;
  construct: string;
  better: 'lower' | 'higher';
  item_count: number;
  response_min: number;
  response_max: number;
  ranked: boolean;
  licence: InstrumentLicence;
  citation: string;
  enabled: boolean;
}

export interface InstrumentPatch {
  enabled: boolean;
  licence_acknowledged?: boolean;
}

/** The parts of a FHIR R4 Questionnaire the filler reads (instruments/*.json without `trove`). */
export interface FhirCoding {
  system?: string;
  code?: string;
  display?: string;
}

export interface FhirExtension {
  url: string;
  valueDecimal?: number;
  valueInteger?: number;
}

export interface FhirAnswerOption {
  valueCoding?: FhirCoding;
  valueInteger?: number;
  extension?: FhirExtension[];
}

export interface FhirItem {
  linkId: string;
  text?: string;
  type: string;
  required?: boolean;
  answerOption?: FhirAnswerOption[];
  item?: FhirItem[];
}

export interface FhirQuestionnaire {
  resourceType: 'Questionnaire';
  id: string;
  /** The language of its texts ("pl"); English where no validated translation ships. */
  language?: string;
  version?: string;
  title?: string;
  description?: string;
  copyright?: string;
  item?: FhirItem[];
}

/** Raw answers by linkId; null or absent = not answered. */
export type Answers = Record<string, number | null>;

/** Where a score lies in a published percentile table: between the `from`-th and `to`-th percentile of the `norm` sample. */
export interface ScorePercentile {
  from: number;
  to: number;
  norm: string;
}

export interface ScaleScore {
  value: number | null;
  label: string;
  band?: string | null;
  missing: number;
  prorated: boolean;
  t_score?: number;
  /** Only for instruments with a published percentile table (GQ-6). */
  percentile?: ScorePercentile;
  why?: string;
}

export interface ResponseAlert {
  id: string;
  item: string;
  value: number;
  message: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  /** Issue 13: what was done (null for reviews recorded before actions were kept). */
  action?: AckAction | string | null;
  /** Who reviewed it and what was done, if a server sends it whole (then preferred). */
  acknowledged?: AlertAcknowledgement | null;
}

export type Reliability = 'improved' | 'deteriorated' | 'no_reliable_change';

export interface ChangeInfo {
  difference: number;
  rci: number;
  sediff: number;
  reliable: Reliability | string;
  norm?: string;
  criterion?: number;
  clinically_significant?: boolean;
}

export interface MeasureResponse {
  id: string;
  client_id: string;
  instrument: string;
  version: string;
  created_at: string;
  submitted_by_role: string;
  answers: Answers;
  scores: Record<string, ScaleScore>;
  missing: number;
  prorated: boolean;
  /** Ranked instruments (IPIP-VIA-R): scale ids, highest first. */
  ranking?: string[];
  /** Left out of a client's own view. */
  alerts?: ResponseAlert[];
  change: { previous: ChangeInfo | null; first: ChangeInfo | null } | null;
  /** Issue 13: only when an answer was critical (e.g. PHQ-9 item 9 above 0): the practice's crisis contacts. */
  crisis?: Crisis;
  review_promise?: string;
}

export interface NewMeasureResponse {
  instrument: string;
  answers: Answers;
}

export interface QuestionnaireLinkInfo {
  url: string;
  token: string;
  expires_at: string;
}

export interface MeasureAssignment {
  id: string;
  client_id: string;
  instrument: string;
  every_weeks: number | null;
  every_sessions: number | null;
  sessions_since: number;
  next_due_at: string | null;
  active: boolean;
  note: string | null;
  created_at: string;
  link?: QuestionnaireLinkInfo;
}

export interface MeasureAssignmentInput {
  instrument: string;
  every_weeks: number | null;
  every_sessions?: number | null;
  note?: string;
  link?: boolean;
}

/** GET /api/v1/questionnaire-links/{token}: what a person with the link fills in. */
export interface QuestionnaireLink {
  instrument: InstrumentSummary;
  questionnaire: FhirQuestionnaire;
  /** Documented; older servers leave it out. */
  expires_at?: string;
  /** Issue 13: the practice's crisis contacts and when it looks at answers. */
  crisis?: Crisis;
  review_promise?: string;
  /** The language of the client the link was made for (their account's, else the practice's). */
  preferred_language?: string;
}

/** POST /api/v1/questionnaire-links/{token}/response: `crisis` only when an answer was critical. */
export interface QuestionnaireLinkDone {
  done: boolean;
  review_promise?: string;
  crisis?: Crisis;
}

export type AlertKind = 'critical_item' | 'low_mood' | 'reliable_deterioration';
/** Kept for older imports. */
export type MeasureAlertKind = AlertKind;

/** What the person who reviewed an alert did (POST /alerts/{id}/ack). */
export type AckAction = 'contacted_client' | 'safety_plan_reviewed' | 'discussed_in_session' | 'emergency_services' | 'no_action_needed';
export const ACK_ACTIONS: readonly AckAction[] = [
  'contacted_client',
  'safety_plan_reviewed',
  'discussed_in_session',
  'emergency_services',
  'no_action_needed',
];

export interface AckInput {
  action: AckAction;
  note?: string;
}

export interface AlertAcknowledgement {
  by: string;
  by_name: string;
  at: string;
  /** Empty for acknowledgements recorded before actions were kept. */
  action: AckAction | string;
  note?: string | null;
}

/**
 * GET /api/v1/alerts: a risk signal for the care team. critical_item and low_mood have a lifecycle
 * (open until acknowledged, escalated when open too long); reliable_deterioration is computed and
 * stays while the scores show it.
 */
export interface RiskAlert {
  id: string;
  kind: AlertKind | string;
  client_id: string;
  response_id?: string | null;
  entry_id?: string | null;
  instrument?: string | null;
  item?: string | null;
  value?: number | null;
  message: string;
  created_at: string;
  status?: 'open' | 'acknowledged';
  acknowledged?: AlertAcknowledgement | null;
  escalated_at?: string | null;
}
export type MeasureAlert = RiskAlert;

export interface AlertList {
  items: RiskAlert[];
  escalated_count?: number;
}

export interface SeriesBand {
  min: number;
  label: string;
  min_exclusive?: boolean;
}

export interface SeriesPoint {
  response_id: string;
  at: string;
  value: number | null;
  band: string | null;
}

/** GET /api/v1/clients/{id}/measures/{instrument}: the primary score over time. */
export interface MeasureSeries {
  instrument: InstrumentSummary;
  scale: string;
  /** null when the scale publishes no range (the chart then spans the data). */
  range: [number, number] | null;
  better: 'lower' | 'higher';
  bands: SeriesBand[];
  cutoff: number | null;
  reliable_change: { sediff: number; threshold: number; baseline: number } | null;
  points: SeriesPoint[];
}

// ---- Safety: crisis resources and practice settings (issue 13) ----

export interface CrisisContact {
  label: string;
  phone?: string;
  sms?: string;
  url?: string;
  hours?: string;
}

/** GET /api/v1/crisis: the practice's calm text and the numbers a person in distress can use. */
export interface Crisis {
  text: string;
  contacts: CrisisContact[];
}

export interface PracticeSettings {
  review_promise: string;
  alert_escalation_hours: number;
  /** The language a new account starts in ("en", "pl" or "de"). */
  default_locale?: string;
  /** Whether staff (admins, therapists, supervisors) must sign in with a second factor. */
  staff_second_factor?: StaffSecondFactor;
}

export type StaffSecondFactor = 'required' | 'optional';

// ---- The signed-in person's own account (issue 16) ----

/** What POST /me/totp answers: a new secret, not active until confirmed with a code. */
export interface TotpSetup {
  /** Base32, for typing into an authenticator app by hand. */
  secret: string;
  /** otpauth://totp/... for the QR code. */
  otpauth_url: string;
}

/** How a second factor is sent with a sign-in: the app's code, or one of the recovery codes. */
export type SecondFactor = { totp: string } | { recovery_code: string };

/** A personal API token (therapists and supervisors). The secret is only in the answer that creates it. */
export interface ApiToken {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  /** Older servers' tokens never expire and leave it out. */
  expires_at?: string | null;
}

export interface NewApiToken extends ApiToken {
  /** The secret itself, shown once. */
  token: string;
}
