import type { Entry, EntryPatch, JournalKind, NewEntry } from '../../shared/journal/types';
import { t } from '../../shared/i18n';

/** The entry form's state. */
export interface EntryDraft {
  kind: JournalKind;
  text: string;
  mood: number | null;
  strength_codes: string[];
  resource_id: string;
  shared: boolean;
  assignment_id: string | null;
}

export const MAX_ENTRY_TEXT = 5000;

export function emptyDraft(shared: boolean, kind: JournalKind = 'success', assignmentId: string | null = null): EntryDraft {
  return { kind, text: '', mood: null, strength_codes: [], resource_id: '', shared, assignment_id: assignmentId };
}

export function draftOf(e: Entry): EntryDraft {
  return {
    kind: e.kind,
    text: e.text,
    mood: e.mood,
    strength_codes: [...e.strength_codes],
    resource_id: e.resource_id ?? '',
    shared: e.shared,
    assignment_id: e.assignment_id,
  };
}

/** Same rules as the server, so a phone with no connection does not queue an entry that will be refused. */
export function checkDraft(d: EntryDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  const text = d.text.trim();
  if (text === '' && d.mood === null) errors.text = t('journal.form.empty');
  if (text.length > MAX_ENTRY_TEXT) errors.text = `Please keep it under ${MAX_ENTRY_TEXT} characters (this is ${text.length}).`;
  if (d.mood !== null && (!Number.isInteger(d.mood) || d.mood < 0 || d.mood > 10)) errors.mood = t('journal.form.moodRange');
  return errors;
}

/** The body of POST …/journal. Optional parts are left out rather than sent empty. */
export function toNewEntry(d: EntryDraft): NewEntry {
  const input: NewEntry = { kind: d.kind, text: d.text.trim(), shared: d.shared };
  if (d.mood !== null) input.mood = d.mood;
  if (d.strength_codes.length) input.strength_codes = [...d.strength_codes];
  if (d.resource_id) input.resource_id = d.resource_id;
  if (d.assignment_id) input.assignment_id = d.assignment_id;
  return input;
}

/** The body of PATCH /journal/{id}: everything the form shows, with nulls to clear. */
export function toPatch(d: EntryDraft): EntryPatch {
  return {
    kind: d.kind,
    text: d.text.trim(),
    mood: d.mood,
    strength_codes: [...d.strength_codes],
    resource_id: d.resource_id || null,
    shared: d.shared,
  };
}
