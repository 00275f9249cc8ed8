/** Types of the "between sessions" API: exercises, assignments, the journal, adherence, milestones. */

export const JOURNAL_KINDS = ['success', 'gratitude', 'strength_use', 'exception', 'resource', 'free'] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export const AUDIENCES = ['adults', 'young_people', 'children', 'couples', 'families', 'groups'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface Evidence {
  citation: string;
  doi?: string;
}

export interface Exercise {
  id: string;
  title: string;
  summary: string;
  purpose: string;
  instructions: string[];
  prompts: string[];
  duration_minutes: number;
  journal_kind: JournalKind;
  suitable_for: string[];
  caution?: string;
  /** Practice exercises may come back without it when empty. */
  evidence?: Evidence[];
}

export type ExerciseInput = Omit<Exercise, 'id'>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type Schedule =
  | { frequency: 'daily'; until?: string }
  | { frequency: 'weekly'; days: Weekday[]; until?: string }
  | { frequency: 'weekly'; times: number; until?: string }
  | { frequency: 'once'; on: string };

export type AssignmentStatus = 'active' | 'paused' | 'ended';

export interface Adherence {
  due: number;
  done: number;
  current_streak: number;
  longest_streak: number;
  streak_unit: 'day' | 'week';
}

/** What POST/PATCH answer: the assignment alone. */
export interface AssignmentBase {
  id: string;
  client_id: string;
  exercise_id: string;
  schedule: Schedule;
  starts_on: string;
  note: string;
  status: AssignmentStatus;
  ended_on: string | null;
  created_at: string;
  updated_at: string;
}

/** What the lists answer: the assignment with its title and how it is going. */
export interface Assignment extends AssignmentBase {
  exercise_title: string;
  due_today: boolean;
  done_today: boolean;
  adherence: Adherence;
}

export interface AssignmentInput {
  exercise_id: string;
  schedule: Schedule;
  note?: string;
  starts_on?: string;
}

export interface AssignmentPatch {
  status?: AssignmentStatus;
  note?: string;
  schedule?: Schedule;
}

export interface Entry {
  id: string;
  client_id: string;
  kind: JournalKind;
  text: string;
  mood: number | null;
  strength_codes: string[];
  resource_id: string | null;
  assignment_id: string | null;
  shared: boolean;
  entry_date: string;
  created_at: string;
  updated_at: string;
}

export interface NewEntry {
  kind: JournalKind;
  text?: string;
  mood?: number | null;
  strength_codes?: string[];
  resource_id?: string | null;
  assignment_id?: string | null;
  shared?: boolean;
  entry_date?: string;
  idempotency_key?: string;
}

export type EntryPatch = Partial<Omit<NewEntry, 'idempotency_key' | 'assignment_id'>>;

export interface EntryQuery {
  q?: string;
  kind?: JournalKind | '';
  from?: string;
  to?: string;
  limit?: number;
}

export interface EntryList {
  items: Entry[];
  /** Only for the care team, and only when the practice allows it: days with private entries. */
  private_entry_dates?: string[];
}

export interface JournalSettings {
  shared_by_default: boolean;
  show_private_dates: boolean;
  time_zone: string;
}

export interface MoodPoint {
  date: string;
  mood: number;
  entries: number;
}

export interface AdherenceReport {
  today: string;
  items: Assignment[];
  journal: { entries: number; current_streak: number; longest_streak: number };
  mood: MoodPoint[];
}

export interface Milestone {
  id: string;
  title: string;
  message: string;
  achieved_on: string;
}

export interface Milestones {
  enabled: boolean;
  items: Milestone[];
}
