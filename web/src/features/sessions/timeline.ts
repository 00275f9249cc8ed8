import { formatNumber } from '../../shared/format';
import { t, type MessageKey } from '../../shared/i18n';
import { noteSummary, sessionStatusLabel } from './wording';
import { localYmd, type Ymd } from '../../shared/sessions/week';
import type { TimelineItem, TimelineKind } from '../../shared/sessions/types';

/** The client's story over time: sessions, resource ratings, questionnaire scores and shared journal entries. */

/** Items of one kind on one day (a session's eight ratings, a week of journal entries). */
export interface TimelineRun {
  kind: TimelineKind;
  items: TimelineItem[];
}

export interface TimelineDay {
  day: Ymd;
  /** Newest first. */
  items: TimelineItem[];
  /** The same items by kind, the kind with the newest item first: long runs can then be folded. */
  runs: TimelineRun[];
}

function runsOf(items: readonly TimelineItem[]): TimelineRun[] {
  const runs: TimelineRun[] = [];
  for (const item of items) {
    const run = runs.find((r) => r.kind === item.kind);
    if (run) run.items.push(item);
    else runs.push({ kind: item.kind, items: [item] });
  }
  return runs;
}

function time(item: { at: string }): number {
  const t = Date.parse(item.at);
  return Number.isNaN(t) ? 0 : t;
}

/** Newest day first, newest item first within a day; items with unreadable times go last. */
export function groupTimeline(items: readonly TimelineItem[]): TimelineDay[] {
  const sorted = [...items].sort((a, b) => time(b) - time(a));
  const days: TimelineDay[] = [];
  for (const item of sorted) {
    const t = time(item);
    const day = t === 0 ? 'unknown' : localYmd(new Date(t));
    const last = days[days.length - 1];
    if (last && last.day === day) last.items.push(item);
    else days.push({ day, items: [item], runs: [] });
  }
  for (const d of days) d.runs = runsOf(d.items);
  return days;
}

/**
 * What has happened: a session still only planned for later belongs under "Upcoming", not in the
 * story so far (one that is already marked, e.g. cancelled ahead of time, stays).
 */
export function happened(items: readonly TimelineItem[], now: number): TimelineItem[] {
  return items.filter((i) => !(i.kind === 'session' && (i.status ?? 'scheduled') === 'scheduled' && time(i) > now));
}

/** Keeps the chosen kinds; an empty choice means all. */
export function filterTimeline(items: readonly TimelineItem[], kinds: readonly TimelineKind[]): TimelineItem[] {
  if (kinds.length === 0) return [...items];
  return items.filter((i) => kinds.includes(i.kind));
}

export function countByKind(items: readonly TimelineItem[]): Record<TimelineKind, number> {
  const counts: Record<TimelineKind, number> = { session: 0, rating: 0, score: 0, journal: 0 };
  for (const i of items) if (i.kind in counts) counts[i.kind] += 1;
  return counts;
}

const KIND_LABELS: Record<TimelineKind, { one: MessageKey; filter: MessageKey }> = {
  session: { one: 'sessions.timeline.kind.session', filter: 'sessions.timeline.filter.session' },
  rating: { one: 'sessions.timeline.kind.rating', filter: 'sessions.timeline.filter.rating' },
  score: { one: 'sessions.timeline.kind.score', filter: 'sessions.timeline.filter.score' },
  journal: { one: 'sessions.timeline.kind.journal', filter: 'sessions.timeline.filter.journal' },
};

export function timelineKindLabel(kind: string, plural = false): string {
  const l = (KIND_LABELS as Record<string, { one: MessageKey; filter: MessageKey }>)[kind];
  return l ? t(plural ? l.filter : l.one) : kind;
}

/** Shortens long journal text for the overview, on a word boundary. */
export function excerpt(text: string, max = 180): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if ([...t].length <= max) return t;
  const cut = [...t].slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** What a session on the timeline has in notes: from its list when sent, else from `note_status`. */
export function sessionNoteLabel(item: { notes?: readonly { status: string }[]; note_status?: string | null }): string {
  if (item.notes) return noteSummary(item.notes as { status: 'draft' | 'signed' }[]).label;
  if (item.note_status === 'signed') return t('sessions.notes.signed', { n: 1 });
  if (item.note_status === 'draft') return t('sessions.notes.draft');
  return t('sessions.notes.none');
}

const MORE: Record<TimelineKind, MessageKey> = {
  session: 'sessions.timeline.more.session',
  rating: 'sessions.timeline.more.rating',
  score: 'sessions.timeline.more.score',
  journal: 'sessions.timeline.more.journal',
};

/** "Show 6 more resource ratings" */
export function moreLabel(kind: TimelineKind, n: number): string {
  return t(MORE[kind], { n });
}

export interface Described {
  title: string;
  detail: string;
}

/** One line of title and one of detail, for every kind (instrument names and entry kinds come from the caller). */
export function describeItem(
  item: TimelineItem,
  names: { instrument: (id: string) => string; entryKind: (k: string) => string },
): Described {
  switch (item.kind) {
    case 'session': {
      const values = { modality: item.modality ?? 'unknown' };
      const parts = [item.status ? sessionStatusLabel(item.status) : null, item.duration_min ? t('sessions.minutes', { n: item.duration_min }) : null, sessionNoteLabel(item)];
      return { title: t(item.case_id ? 'sessions.timeline.sessionJoint' : 'sessions.timeline.session', values), detail: parts.filter(Boolean).join(' · ') };
    }
    case 'rating':
      return { title: item.title, detail: t('sessions.timeline.rating', { available: item.availability, used: item.activation }) };
    case 'score': {
      const score =
        item.total === null || item.total === undefined
          ? t('sessions.timeline.notScored')
          : t('sessions.timeline.score', { score: Number.isInteger(item.total) ? formatNumber(item.total) : formatNumber(item.total, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
      return { title: names.instrument(item.instrument_id), detail: item.severity ? `${score} · ${item.severity}` : score };
    }
    case 'journal':
      return {
        title: names.entryKind(item.kind_of_entry),
        detail: [item.text ? t('sessions.timeline.quote', { text: excerpt(item.text) }) : '', item.mood === null || item.mood === undefined ? '' : t('sessions.timeline.mood', { mood: item.mood })]
          .filter(Boolean)
          .join(' · '),
      };
  }
}
