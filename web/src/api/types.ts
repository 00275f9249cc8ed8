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

export interface CopingContact {
  name: string;
  phone: string;
  note: string;
}

export interface CopingCard {
  contacts: CopingContact[];
  calming_steps: string[];
  reasons: string[];
  stabilising_resources: Resource[];
  updated_at: string | null;
}

export interface CopingCardInput {
  contacts: CopingContact[];
  calming_steps: string[];
  reasons: string[];
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
}

export type MeasureAlertKind = 'critical_item' | 'reliable_deterioration';

export interface MeasureAlert {
  kind: MeasureAlertKind | string;
  client_id: string;
  response_id: string;
  instrument: string;
  item?: string;
  message: string;
  created_at: string;
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
