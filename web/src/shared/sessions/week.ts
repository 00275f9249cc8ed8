/**
 * Calendar arithmetic for the schedule, in the device's own time zone.
 *
 * Days are handled as "YYYY-MM-DD" strings and moved with UTC arithmetic on the calendar date
 * alone, so a week that contains a daylight-saving change still has seven days that start at
 * midnight (adding 24 hours of milliseconds to a local midnight would not). Instants (a session's
 * `starts_at`) are only turned into local days and times at the edges.
 */

import { currentLocale } from '../i18n';

export type Ymd = string;

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** Splits "2026-12-01" into numbers, or null if it is not a real calendar day. */
export function parseYmd(ymd: string): { y: number; m: number; d: number } | null {
  const match = YMD.exec(ymd);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return { y, m, d };
}

function fromUtc(date: Date): Ymd {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The local calendar day an instant falls on. */
export function localYmd(at: Date): Ymd {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** "2026-12-01" plus n days, by the calendar (never by 24-hour steps). */
export function addDays(ymd: Ymd, n: number): Ymd {
  const p = parseYmd(ymd);
  if (!p) throw new Error(`not a calendar day: ${ymd}`);
  return fromUtc(new Date(Date.UTC(p.y, p.m - 1, p.d + n)));
}

/** 0 = Monday … 6 = Sunday (the ISO order a European practice expects). */
export function weekdayIndex(ymd: Ymd): number {
  const p = parseYmd(ymd);
  if (!p) throw new Error(`not a calendar day: ${ymd}`);
  return (new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay() + 6) % 7;
}

/** The Monday of the week that contains this day. */
export function mondayOf(ymd: Ymd): Ymd {
  return addDays(ymd, -weekdayIndex(ymd));
}

/** Monday … Sunday of the week starting at `monday`. */
export function weekDays(monday: Ymd): Ymd[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/**
 * The week to show for the `?week=` of the address: any day in it is accepted (a bookmark from
 * another device or a mistyped date still lands somewhere sensible); anything else is this week.
 */
export function weekFromParam(param: string | null, today: Ymd): Ymd {
  if (param && parseYmd(param)) return mondayOf(param);
  return mondayOf(today);
}

/**
 * The range to ask the server for. The server reads `from` (inclusive) and `to` (exclusive) as
 * UTC days, which may be hours apart from the reader's, so a day is added on each side; the
 * answer is then sorted into local days with `groupByDay`, which drops what lies outside the week.
 */
export function fetchRange(monday: Ymd): { from: Ymd; to: Ymd } {
  return { from: addDays(monday, -1), to: addDays(monday, 8) };
}

/** The instant of a local date and wall-clock time ("2026-03-29", "09:00"), as RFC 3339 UTC. */
export function localToIso(date: Ymd, time: string): string | null {
  const p = parseYmd(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!p || !t) return null;
  const hh = Number(t[1]);
  const mm = Number(t[2]);
  if (hh > 23 || mm > 59) return null;
  // The Date constructor applies the zone's offset for that very day, daylight saving included.
  const at = new Date(p.y, p.m - 1, p.d, hh, mm);
  // A wall-clock time skipped when the clocks go forward (02:30 in much of Europe on the last
  // Sunday of March) does not exist; the constructor would silently move it an hour.
  if (at.getHours() !== hh || at.getMinutes() !== mm || at.getDate() !== p.d) return null;
  return at.toISOString();
}

/** "09:05" in the reader's zone: 24-hour, as English, Polish and German screens show it (and as a time field takes it). */
export function localTime(iso: string): string {
  const d = new Date(iso);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The local day and time of an instant, for filling a form from a session. */
export function isoToLocal(iso: string): { date: Ymd; time: string } {
  const d = new Date(iso);
  return { date: localYmd(d), time: localTime(iso) };
}

export interface Timed {
  starts_at: string;
  duration_min: number;
}

/** The end of a session as an instant (ms). */
export function endsAt(s: Timed): number {
  return Date.parse(s.starts_at) + s.duration_min * 60_000;
}

/** Sessions sorted into the given local days, each day earliest first; others are dropped. */
export function groupByDay<T extends Timed>(items: readonly T[], days: readonly Ymd[]): Map<Ymd, T[]> {
  const out = new Map<Ymd, T[]>(days.map((d) => [d, []]));
  for (const item of items) {
    const day = localYmd(new Date(item.starts_at));
    out.get(day)?.push(item);
  }
  for (const list of out.values()) list.sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
  return out;
}

/** Upcoming sessions: still scheduled (not attended, cancelled or missed) and not over yet; earliest first. */
export function upcoming<T extends Timed & { status: string }>(sessions: readonly T[], now: number): T[] {
  return sessions.filter((s) => s.status === 'scheduled' && endsAt(s) > now).sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
}

/** The next session of each client (the caseload asks once for everything from today on). */
export function nextByClient<T extends Timed & { status: string; client_id: string | null }>(sessions: readonly T[], now: number): Map<string, T> {
  const out = new Map<string, T>();
  for (const s of upcoming(sessions, now)) if (s.client_id && !out.has(s.client_id)) out.set(s.client_id, s);
  return out;
}

/** Which of `others` overlap the time from `start` for `minutes` (for a gentle double-booking warning). */
export function overlapping<T extends Timed & { status?: string }>(others: readonly T[], start: string, minutes: number): T[] {
  const s = Date.parse(start);
  const e = s + minutes * 60_000;
  return others.filter((o) => o.status !== 'cancelled' && Date.parse(o.starts_at) < e && endsAt(o) > s);
}

/** "30 Nov – 6 Dec 2026", "28 Dec 2026 – 3 Jan 2027": the week in the heading. */
export function weekLabel(monday: Ymd, locale: string = currentLocale()): string {
  const sunday = addDays(monday, 6);
  const a = parseYmd(monday)!;
  const b = parseYmd(sunday)!;
  const first = new Date(a.y, a.m - 1, a.d);
  const last = new Date(b.y, b.m - 1, b.d);
  const dayMonth: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
  const full: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
  const start = first.toLocaleDateString(locale, a.y === b.y ? dayMonth : full);
  return `${start} – ${last.toLocaleDateString(locale, full)}`;
}

/** "Tuesday, 1 December" (long) or "Tue 1" (short), for one calendar day. */
export function dayLabel(ymd: Ymd, style: 'long' | 'short' = 'long', locale: string = currentLocale()): string {
  const p = parseYmd(ymd);
  if (!p) return ymd;
  const d = new Date(p.y, p.m - 1, p.d);
  if (style === 'short') return `${d.toLocaleDateString(locale, { weekday: 'short' })} ${p.d}`;
  return d.toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long' });
}

/** "1 Dec" (or "Dec 1"), for the column heads. */
export function dayMonth(ymd: Ymd, locale: string = currentLocale()): string {
  const p = parseYmd(ymd);
  if (!p) return ymd;
  return new Date(p.y, p.m - 1, p.d).toLocaleDateString(locale, { day: 'numeric', month: 'short' });
}

/** The weekday alone ("Tue"), for the column heads. */
export function weekdayShort(ymd: Ymd, locale: string = currentLocale()): string {
  const p = parseYmd(ymd);
  if (!p) return ymd;
  return new Date(p.y, p.m - 1, p.d).toLocaleDateString(locale, { weekday: 'short' });
}

/** "Tue 1 Dec, 09:00" for a session anywhere (caseload, timeline, headings). */
export function sessionWhen(iso: string, locale: string = currentLocale()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = d.toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'short' });
  return `${date}, ${localTime(iso)}`;
}

/** "09:00–09:50" */
export function timeRange(s: Timed): string {
  return `${localTime(s.starts_at)}–${localTime(new Date(endsAt(s)).toISOString())}`;
}
