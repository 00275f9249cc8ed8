import type { Me } from '../../api/types';
import type { AttendanceStatus, Modality, Note, NoteRef, SessionStatus } from './types';

/** Words for appointments and notes, in one place. */

const MODALITY: Record<Modality, string> = { in_person: 'In person', video: 'Video', phone: 'Phone' };

export function modalityLabel(m: string): string {
  return (MODALITY as Record<string, string>)[m] ?? m;
}

const STATUS: Record<SessionStatus, string> = {
  scheduled: 'Scheduled',
  attended: 'Attended',
  cancelled: 'Cancelled',
  no_show: 'Did not come',
};

export function sessionStatusLabel(s: string): string {
  return (STATUS as Record<string, string>)[s] ?? s;
}

/** The buttons that change a session's status, in the order a therapist reaches for them. */
export const STATUS_ACTIONS: readonly { status: SessionStatus; label: string; done: string }[] = [
  { status: 'attended', label: 'Attended', done: 'marked as attended' },
  { status: 'cancelled', label: 'Cancelled', done: 'marked as cancelled' },
  { status: 'no_show', label: 'No-show', done: 'marked as a no-show' },
];

const ATTENDANCE: Record<AttendanceStatus, string> = { attended: 'Present', absent: 'Absent', unknown: 'Not recorded' };

export function attendanceLabel(s: string): string {
  return (ATTENDANCE as Record<string, string>)[s] ?? s;
}

export function durationLabel(minutes: number): string {
  if (minutes < 60 || minutes % 30 !== 0) return `${minutes} min`;
  const h = minutes / 60;
  return h === 1 ? '1 hour' : `${h} hours`;
}

/** What a session's notes amount to, for cards and the timeline. */
export function noteSummary(notes: readonly Pick<NoteRef, 'status'>[] | undefined): { label: string; tone: 'none' | 'draft' | 'signed' } {
  const list = notes ?? [];
  if (list.length === 0) return { label: 'No note yet', tone: 'none' };
  if (list.some((n) => n.status === 'draft')) return { label: 'Note in draft', tone: 'draft' };
  return { label: list.length === 1 ? 'Note signed' : 'Notes signed', tone: 'signed' };
}

/**
 * Who someone is, as the reader knows them. Therapists cannot list the practice's accounts, so a
 * name is only shown when the server sends one; otherwise the relationship is named.
 */
export function personLabel(id: string | null | undefined, me: Me, name?: string): string {
  if (!id) return 'someone';
  if (id === me.user.id) return 'you';
  if (name) return name;
  if (me.user.supervisee_ids.includes(id)) return 'your supervisee';
  if (me.user.supervisor_ids.includes(id)) return 'your supervisor';
  return 'a colleague on the care team';
}

/** May this person co-sign this note? (The server decides; this only offers the button.) */
export function canCosign(note: Pick<Note, 'status' | 'cosigned_at' | 'author_id' | 'signed_by'>, me: Me): boolean {
  if (note.status !== 'signed' || note.cosigned_at) return false;
  if (note.author_id === me.user.id || note.signed_by === me.user.id) return false;
  if (me.user.role === 'supervisor') return me.user.supervisee_ids.includes(note.author_id);
  return me.user.role === 'therapist';
}

/** "Saved at 10:42" in the reader's clock. */
export function savedAtLabel(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `Saved at ${p(at.getHours())}:${p(at.getMinutes())}`;
}
