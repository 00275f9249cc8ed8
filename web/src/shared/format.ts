import type { ClientContext, ClientStatus, Role } from '../api/types';

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

/**
 * "5 minutes", "1 minute", "30 seconds". Minutes are rounded up so we never tell a
 * person to come back before the server will let them in.
 */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} ${s === 1 ? 'second' : 'seconds'}`;
  const m = Math.ceil(s / 60);
  return `${m} ${m === 1 ? 'minute' : 'minutes'}`;
}

export function tooManyAttemptsMessage(seconds: number | null): string {
  if (seconds == null) return 'Too many attempts. Please wait a little and try again.';
  return `Too many attempts. Try again in ${formatWait(seconds)}.`;
}

const ROLE_LABELS: Record<Role, string> = {
  admin: 'Practice admin',
  therapist: 'Therapist',
  supervisor: 'Supervisor',
  client: 'Client',
};

export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

const CONTEXT_LABELS: Record<ClientContext, string> = {
  individual: 'Individual',
  youth: 'Child & youth',
  trauma: 'Trauma',
  couple: 'Couple',
  family: 'Family',
  group: 'Group',
};

export function contextLabel(context: string): string {
  return (CONTEXT_LABELS as Record<string, string>)[context] ?? context;
}

const STATUS_LABELS: Record<ClientStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  closed: 'Closed',
};

export function statusLabel(status: string): string {
  return (STATUS_LABELS as Record<string, string>)[status] ?? status;
}

/** Dates are shown in the reader's locale and time zone; the API sends UTC. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** The first word of a display name, for a friendly greeting ("Mia K." → "Mia"). */
export function firstName(displayName: string): string {
  const first = displayName.trim().split(/\s+/)[0];
  return first && first.length > 0 ? first : displayName.trim();
}
