import type { ClientContext, ClientStatus, Role } from '../api/types';
import { currentLocale, currentTimeZone, translate, type Locale, type MessageKey } from './i18n';

/**
 * Reads a Retry-After header. The API sends delta-seconds, but HTTP also allows an
 * HTTP-date, and a proxy in front of Trove may rewrite it, so both are accepted.
 * Returns null when the header is missing or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // Date.parse accepts bare numbers like "-5" as years; an HTTP-date always names a month.
  if (!/[a-z]/i.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Whom a date or number is formatted for: the reader's language and the practice's time zone. */
export interface FormatOptions {
  locale?: Locale;
  /** An IANA zone; undefined = the practice's (set at sign-in), or the device's when none is known. */
  timeZone?: string;
}

function who(options: FormatOptions | undefined): { locale: Locale; timeZone: string | undefined } {
  return { locale: options?.locale ?? currentLocale(), timeZone: options?.timeZone ?? currentTimeZone() };
}

/**
 * "5 minutes", "1 minute", "30 seconds" (in Polish "5 minut", "2 minuty"). Minutes are rounded up
 * so we never tell a person to come back before the server will let them in.
 */
export function formatWait(seconds: number, locale: Locale = currentLocale()): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return translate(locale, 'format.seconds', { n: s });
  return translate(locale, 'format.minutes', { n: Math.ceil(s / 60) });
}

export function tooManyAttemptsMessage(seconds: number | null, locale: Locale = currentLocale()): string {
  if (seconds == null) return translate(locale, 'errors.tooManyAttempts');
  return translate(locale, 'errors.tooManyAttempts.wait', { wait: formatWait(seconds, locale) });
}

const ROLE_KEYS: Record<Role, MessageKey> = {
  admin: 'role.admin',
  therapist: 'role.therapist',
  supervisor: 'role.supervisor',
  client: 'role.client',
};

export function roleLabel(role: string, locale: Locale = currentLocale()): string {
  const key = (ROLE_KEYS as Record<string, MessageKey>)[role];
  return key ? translate(locale, key) : role;
}

const CONTEXT_KEYS: Record<ClientContext, MessageKey> = {
  individual: 'context.individual',
  youth: 'context.youth',
  trauma: 'context.trauma',
  couple: 'context.couple',
  family: 'context.family',
  group: 'context.group',
};

export function contextLabel(context: string, locale: Locale = currentLocale()): string {
  const key = (CONTEXT_KEYS as Record<string, MessageKey>)[context];
  return key ? translate(locale, key) : context;
}

const STATUS_KEYS: Record<ClientStatus, MessageKey> = {
  active: 'status.active',
  paused: 'status.paused',
  closed: 'status.closed',
};

export function statusLabel(status: string, locale: Locale = currentLocale()): string {
  const key = (STATUS_KEYS as Record<string, MessageKey>)[status];
  return key ? translate(locale, key) : status;
}

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A moment (the API sends UTC) in the reader's language and the practice's time zone: "3 Dec 2026, 14:05". */
export function formatDateTime(iso: string | null | undefined, options?: FormatOptions): string {
  if (!iso) return '—';
  const d = parse(iso);
  if (!d) return iso;
  const { locale, timeZone } = who(options);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d);
}

/** The day of a moment, in the practice's time zone: "3 Dec 2026", "3 gru 2026", "03.12.2026". */
export function formatDate(iso: string | null | undefined, options?: FormatOptions): string {
  if (!iso) return '—';
  // A bare calendar day ("2026-12-03") is a day, not a moment: no time zone may move it.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDay(iso, options);
  const d = parse(iso);
  if (!d) return iso;
  const { locale, timeZone } = who(options);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(d);
}

/** The time of day of a moment in the practice's time zone: "14:05", "2:05 PM". */
export function formatTime(iso: string | null | undefined, options?: FormatOptions): string {
  if (!iso) return '—';
  const d = parse(iso);
  if (!d) return iso;
  const { locale, timeZone } = who(options);
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(d);
}

/**
 * A calendar day ("2026-12-03", as journal entries carry it) in the reader's language. `style`
 * "long" names the weekday: "Thursday, 3 December 2026", "czwartek, 3 grudnia 2026".
 */
export function formatDay(day: string, options?: FormatOptions & { style?: 'medium' | 'long' | 'short' }): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  const { locale } = who(options);
  const style = options?.style ?? 'medium';
  const format: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
      : style === 'short'
        ? { day: 'numeric', month: 'short', timeZone: 'UTC' }
        : { dateStyle: 'medium', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, format).format(d);
}

/** A number in the reader's language: "1,5" in Polish and German, "1.5" in English. */
export function formatNumber(value: number, options?: FormatOptions & Intl.NumberFormatOptions): string {
  const { locale } = who(options);
  const { locale: _l, timeZone: _z, ...rest } = options ?? {};
  return new Intl.NumberFormat(locale, rest).format(value);
}

/**
 * How long ago or ahead a calendar day is from `today` (both "YYYY-MM-DD"): "today", "yesterday",
 * "3 days ago", "in 2 days" — "wczoraj", "przedwczoraj", "vorgestern" as each language says it.
 */
export function formatRelativeDay(day: string, today: string, locale: Locale = currentLocale()): string {
  const a = Date.parse(`${day}T12:00:00Z`);
  const b = Date.parse(`${today}T12:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return day;
  const days = Math.round((a - b) / 86_400_000);
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day');
}

/** "Mia, Jonas and Ben" / "Mia, Jonas i Ben" / "Mia, Jonas und Ben". */
export function formatList(items: readonly string[], locale: Locale = currentLocale()): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** The first word of a display name, for a friendly greeting ("Mia K." → "Mia"). */
export function firstName(displayName: string): string {
  const first = displayName.trim().split(/\s+/)[0];
  return first && first.length > 0 ? first : displayName.trim();
}
