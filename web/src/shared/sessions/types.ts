/** Types of the appointments and session-notes API (sessions, notes, the client timeline). */

export const MODALITIES = ['in_person', 'video', 'phone'] as const;
export type Modality = (typeof MODALITIES)[number];

export const SESSION_STATUSES = ['scheduled', 'attended', 'cancelled', 'no_show'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const ATTENDANCE_STATUSES = ['attended', 'absent', 'unknown'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export interface Attendance {
  client_id: string;
  status: AttendanceStatus;
}

export const TEMPLATES = ['resource', 'soap', 'dap'] as const;
export type Template = (typeof TEMPLATES)[number];

export type NoteStatus = 'draft' | 'signed';

/** A note as the session lists it. */
export interface NoteRef {
  id: string;
  template: Template;
  status: NoteStatus;
  author_id: string;
}

export interface Session {
  id: string;
  client_id: string | null;
  case_id: string | null;
  therapist_id: string;
  /** RFC 3339 UTC. */
  starts_at: string;
  duration_min: number;
  modality: Modality;
  status: SessionStatus;
  attendance: Attendance[];
  notes: NoteRef[];
  created_at: string;
  updated_at: string;
}

export interface NewSession {
  client_id?: string;
  case_id?: string;
  starts_at: string;
  duration_min: number;
  modality: Modality;
}

export interface SessionPatch {
  starts_at?: string;
  duration_min?: number;
  modality?: Modality;
  status?: SessionStatus;
  attendance?: Attendance[];
}

export interface SessionQuery {
  client_id?: string;
  case_id?: string;
  /** YYYY-MM-DD */
  from?: string;
  /** Exclusive. */
  to?: string;
  /** 1–500; the server's default is 200, earliest first. */
  limit?: number;
}

export interface Scale {
  label: string;
  value: number;
}

export interface Addendum {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  /** Not in the contract; shown when a server sends it. */
  author_name?: string;
}

export const RISK_LEVELS = ['none', 'low', 'moderate', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** `fields.risk` on every template: the therapist's assessment today (null = not assessed). */
export interface NoteRisk {
  to_self: RiskLevel | null;
  to_others: RiskLevel | null;
  plan: string;
}

/** A note's texts by field name, and its risk assessment under `risk`. */
export interface NoteFields {
  [name: string]: string | NoteRisk | undefined;
  risk?: NoteRisk;
}

export interface Note {
  id: string;
  session_id: string;
  client_id: string | null;
  case_id: string | null;
  template: Template;
  fields: NoteFields;
  scales: Scale[];
  resource_ids: string[];
  assignment_ids: string[];
  status: NoteStatus;
  author_id: string;
  signed_at: string | null;
  signed_by: string | null;
  cosigned_at: string | null;
  cosigned_by: string | null;
  addenda: Addendum[];
  created_at: string;
  updated_at: string;
  /** Not in the contract; shown when a server sends them. */
  author_name?: string;
  signed_by_name?: string;
  cosigned_by_name?: string;
}

export interface NewNote {
  template: Template;
  fields: NoteFields;
  scales: Scale[];
  resource_ids: string[];
  assignment_ids: string[];
}

export interface NotePatch {
  fields?: NoteFields;
  scales?: Scale[];
  resource_ids?: string[];
  assignment_ids?: string[];
}

export interface SessionEvent {
  kind: 'session';
  at: string;
  id?: string;
  session_id?: string;
  status?: SessionStatus | string;
  modality?: Modality | string;
  duration_min?: number;
  case_id?: string | null;
  notes?: NoteRef[];
  /** Some servers may send the one note's status instead of the list. */
  note_status?: NoteStatus | null;
}

export interface RatingEvent {
  kind: 'rating';
  at: string;
  resource_id: string;
  title: string;
  activation: number;
  availability: number;
}

export interface ScoreEvent {
  kind: 'score';
  at: string;
  instrument_id: string;
  total: number | null;
  severity: string | null;
}

export interface JournalEvent {
  kind: 'journal';
  at: string;
  entry_id: string;
  kind_of_entry: string;
  text: string;
  mood: number | null;
}

export type TimelineItem = SessionEvent | RatingEvent | ScoreEvent | JournalEvent;
export type TimelineKind = TimelineItem['kind'];
export const TIMELINE_KINDS: readonly TimelineKind[] = ['session', 'rating', 'score', 'journal'];
