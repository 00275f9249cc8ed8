import type { Me } from '../../api/types';
import { currentLocale, t, type Locale, type MessageKey } from '../../shared/i18n';
import type { AttendanceStatus, Modality, Note, NoteRef, SessionStatus } from '../../shared/sessions/types';

/** Words for appointments and notes, in one place; each is read from the catalogue when asked for. */

const MODALITY: Record<Modality, MessageKey> = {
  in_person: 'sessions.modality.in_person',
  video: 'sessions.modality.video',
  phone: 'sessions.modality.phone',
};

export function modalityLabel(m: string): string {
  const key = (MODALITY as Record<string, MessageKey>)[m];
  return key ? t(key) : m;
}

const STATUS: Record<SessionStatus, MessageKey> = {
  scheduled: 'sessions.status.scheduled',
  attended: 'sessions.status.attended',
  cancelled: 'sessions.status.cancelled',
  no_show: 'sessions.status.no_show',
};

export function sessionStatusLabel(s: string): string {
  const key = (STATUS as Record<string, MessageKey>)[s];
  return key ? t(key) : s;
}

/** The buttons that change a session's status, in the order a therapist reaches for them. */
export const STATUS_ACTIONS: readonly { status: SessionStatus; label: MessageKey; done: MessageKey }[] = [
  { status: 'attended', label: 'sessions.action.attended', done: 'sessions.done.attended' },
  { status: 'cancelled', label: 'sessions.action.cancelled', done: 'sessions.done.cancelled' },
  { status: 'no_show', label: 'sessions.action.no_show', done: 'sessions.done.no_show' },
];

const ATTENDANCE: Record<AttendanceStatus, MessageKey> = {
  attended: 'sessions.attendance.attended',
  absent: 'sessions.attendance.absent',
  unknown: 'sessions.attendance.unknown',
};

export function attendanceLabel(s: string): string {
  const key = (ATTENDANCE as Record<string, MessageKey>)[s];
  return key ? t(key) : s;
}

export function durationLabel(minutes: number): string {
  if (minutes < 60 || minutes % 30 !== 0) return t('sessions.minutes', { n: minutes });
  return t('sessions.hours', { n: minutes / 60 });
}

/** What a session's notes amount to, for cards and the timeline. */
export function noteSummary(notes: readonly Pick<NoteRef, 'status'>[] | undefined): { label: string; tone: 'none' | 'draft' | 'signed' } {
  const list = notes ?? [];
  if (list.length === 0) return { label: t('sessions.notes.none'), tone: 'none' };
  if (list.some((n) => n.status === 'draft')) return { label: t('sessions.notes.draft'), tone: 'draft' };
  return { label: t('sessions.notes.signed', { n: list.length }), tone: 'signed' };
}

/** Who someone is to the reader, for sentences that need the grammar of "you" (select `who`). */
export type PersonKind = 'someone' | 'you' | 'named' | 'supervisee' | 'supervisor' | 'colleague';

export function personKind(id: string | null | undefined, me: Me, name?: string): PersonKind {
  if (!id) return 'someone';
  if (id === me.user.id) return 'you';
  if (name) return 'named';
  if (me.user.supervisee_ids.includes(id)) return 'supervisee';
  if (me.user.supervisor_ids.includes(id)) return 'supervisor';
  return 'colleague';
}

const PERSON: Record<Exclude<PersonKind, 'named'>, MessageKey> = {
  someone: 'sessions.person.someone',
  you: 'sessions.person.you',
  supervisee: 'sessions.person.supervisee',
  supervisor: 'sessions.person.supervisor',
  colleague: 'sessions.person.colleague',
};

/**
 * Who someone is, as the reader knows them. Therapists cannot list the practice's accounts, so a
 * name is only shown when the server sends one; otherwise the relationship is named.
 */
export function personLabel(id: string | null | undefined, me: Me, name?: string): string {
  const kind = personKind(id, me, name);
  return kind === 'named' ? name! : t(PERSON[kind]);
}

/** May this person co-sign this note? (The server decides; this only offers the button.) */
export function canCosign(note: Pick<Note, 'status' | 'cosigned_at' | 'author_id' | 'signed_by'>, me: Me): boolean {
  if (note.status !== 'signed' || note.cosigned_at) return false;
  if (note.author_id === me.user.id || note.signed_by === me.user.id) return false;
  if (me.user.role === 'supervisor') return me.user.supervisee_ids.includes(note.author_id);
  return me.user.role === 'therapist';
}

/** "Saved at 10:42" in the reader's clock (24-hour, as the note's other times). */
export function savedAtLabel(at: Date, locale: Locale = currentLocale()): string {
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return t('sessions.note.savedAt', { time });
}
