/** Types of the "between sessions" API: exercises, assignments, the journal, adherence, milestones. */
import type { Crisis } from '../../api/types';

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
  /** The language the texts came back in (`?lang=`); the server falls back to English. */
  language?: string;
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
  /** Issue 13: with the client's own save of a mood of 2 or lower: the practice's crisis contacts. */
  crisis?: Crisis;
  /** With `crisis`: when the practice looks at shared entries ("within one working day"). */
  review_promise?: string;
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

/** One entry's mood (0–10): every rating is its own point, never a daily mean (issue 13). */
export interface MoodPoint {
  /** The entry's day (YYYY-MM-DD). */
  date: string;
  /** When it was written (RFC 3339); orders several entries of one day. */
  at?: string;
  mood: number;
  entry_id?: string;
}

export interface MoodReading {
  mood: number;
  date: string;
}

/** The latest mood and the lowest of the last 7 days, so a low is never averaged away. */
export interface MoodSummary {
  latest: MoodReading | null;
  lowest_7_days: MoodReading | null;
  entries_7_days: number;
}

export interface AdherenceReport {
  today: string;
  items: Assignment[];
  journal: { entries: number; current_streak: number; longest_streak: number };
  /** Ordered by time, one per entry with a mood (only the entries the reader may see). */
  mood: MoodPoint[];
  mood_summary?: MoodSummary;
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
