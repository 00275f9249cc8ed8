import { ACK_ACTIONS, type AckAction, type AlertAcknowledgement, type RiskAlert } from '../../api/types';
import { currentLocale, t, type MessageKey } from '../i18n';

/**
 * Words and order for risk alerts. Pure, so they are tested. An alert's wording always tells its
 * true age ("reported 7 days ago, not yet reviewed"); nothing here ever asks for a review "today"
 * of something that came in last week.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** "7 days ago", "7 dni temu", "vor 7 Tagen": the reader's language says it, with its own plurals. */
function ago(n: number, unit: Intl.RelativeTimeFormatUnit): string {
  return new Intl.RelativeTimeFormat(currentLocale(), { numeric: 'always' }).format(-n, unit);
}

/**
 * How long ago, in words, rounded down so the time is never made to sound longer than it was, and
 * never made much shorter either: minutes within the hour, hours within the day, days for two
 * weeks, then weeks up to about two months, then months. A time in the future (a clock a little
 * ahead) reads "just now".
 */
export function agoText(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return t('alerts.ago.unknown');
  const ms = Math.max(0, now - at);
  if (ms < MINUTE) return t('alerts.ago.justNow');
  if (ms < HOUR) return ago(Math.floor(ms / MINUTE), 'minute');
  if (ms < DAY) return ago(Math.floor(ms / HOUR), 'hour');
  if (ms < 2 * WEEK) return ago(Math.floor(ms / DAY), 'day');
  if (ms < 9 * WEEK) return ago(Math.floor(ms / WEEK), 'week');
  return ago(Math.floor(ms / (30 * DAY)), 'month');
}

export function isLifecycleAlert(a: Pick<RiskAlert, 'kind'>): boolean {
  return a.kind === 'critical_item' || a.kind === 'low_mood';
}

export function isOpen(a: Pick<RiskAlert, 'acknowledged' | 'status'>): boolean {
  if (a.status) return a.status === 'open';
  return !a.acknowledged;
}

export function isEscalated(a: Pick<RiskAlert, 'acknowledged' | 'status' | 'escalated_at'>): boolean {
  return isOpen(a) && !!a.escalated_at;
}

/** Which kind of signal, in plain words. */
export function alertKindLabel(kind: string): string {
  switch (kind) {
    case 'critical_item':
      return t('alerts.kind.criticalItem');
    case 'low_mood':
      return t('alerts.kind.lowMood');
    case 'reliable_deterioration':
      return t('alerts.kind.deterioration');
    default:
      return kind.replace(/_/g, ' ');
  }
}

/**
 * "PHQ-9, question 9" for a critical answer ("question 9" when the alert does not name its
 * questionnaire); the instrument for a deterioration; the mood for a journal entry.
 */
export function alertSourceText(a: RiskAlert, instrumentName: (id: string) => string): string | null {
  if (a.kind === 'low_mood') return typeof a.value === 'number' ? t('alerts.source.mood', { value: a.value }) : null;
  const item = a.kind === 'critical_item' && a.item ? String(a.item) : null;
  if (!a.instrument) return item ? t('alerts.source.question', { item }) : null;
  const name = instrumentName(a.instrument);
  return item ? t('alerts.source.instrumentQuestion', { name, item }) : name;
}

/**
 * The server's words for an alert, without requests tied to the day it was raised ("Please review
 * today."): an alert can be read days later, and its age is said separately and truly.
 */
export function alertMessage(message: string): string {
  return message
    .split(/(?<=[.!?])\s+/)
    .filter((sentence) => !/\btoday\b|\bright away\b|\bimmediately\b/i.test(sentence))
    .join(' ')
    .trim();
}

const ACTION_LABELS: Record<AckAction, MessageKey> = {
  contacted_client: 'alerts.action.contactedClient',
  safety_plan_reviewed: 'alerts.action.safetyPlanReviewed',
  discussed_in_session: 'alerts.action.discussedInSession',
  emergency_services: 'alerts.action.emergencyServices',
  no_action_needed: 'alerts.action.noActionNeeded',
};

/** The actions a review can record, in the reader's language (asked when a form is drawn). */
export function actionOptions(): { value: AckAction; label: string }[] {
  return ACK_ACTIONS.map((value) => ({ value, label: t(ACTION_LABELS[value]) }));
}

/** The action's words; null for an acknowledgement recorded before actions were kept. */
export function actionLabel(action: string | null | undefined): string | null {
  if (!action) return null;
  const key = (ACTION_LABELS as Record<string, MessageKey>)[action];
  return key ? t(key) : action.replace(/_/g, ' ');
}

export interface Viewer {
  id: string;
  role: string;
}

/**
 * "Reviewed by Anna Berg, 3 Dec 2026, 14:05: Contacted the client" (the reader's own review reads
 * "Reviewed by you"). `format` renders the time in the reader's locale.
 */
export function reviewedText(ack: AlertAcknowledgement, viewer: Viewer | null, format: (iso: string) => string): string {
  const when = format(ack.at);
  const what = actionLabel(ack.action);
  if (viewer && ack.by === viewer.id) return what ? t('alerts.reviewed.byYouAction', { when, what }) : t('alerts.reviewed.byYou', { when });
  const who = ack.by_name || t('alerts.reviewed.colleague');
  return what ? t('alerts.reviewed.byAction', { who, when, what }) : t('alerts.reviewed.by', { who, when });
}

/**
 * The line that says where an alert stands, honest about its age:
 * - open: "Reported 7 days ago, not yet reviewed"
 * - escalated: "... · escalated to you 6 days ago" for a supervisor, "· escalated 6 days ago: your supervisors see it too" otherwise
 * - reviewed: "Reviewed by Anna Berg, …: Contacted the client"
 * - reliable deterioration: "Seen in the result of 3 days ago; it stays while the scores show it"
 */
export function alertStatusText(a: RiskAlert, viewer: Viewer | null, now: number, format: (iso: string) => string): string {
  const reported = agoText(a.created_at, now);
  if (a.kind === 'reliable_deterioration') return t('alerts.status.deterioration', { ago: reported });
  if (!isOpen(a) && a.acknowledged) return reviewedText(a.acknowledged, viewer, format);
  if (!isOpen(a)) return t('alerts.status.reviewed', { ago: reported });
  if (!a.escalated_at) return t('alerts.status.open', { ago: reported });
  const since = agoText(a.escalated_at, now);
  if (viewer?.role === 'supervisor') return t('alerts.status.escalatedToYou', { ago: reported, since });
  return t('alerts.status.escalated', { ago: reported, since });
}

function time(iso: string | null | undefined): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : 0;
}

function rank(a: RiskAlert): number {
  if (isEscalated(a)) return 0;
  if (isLifecycleAlert(a) && isOpen(a)) return 1;
  if (a.kind === 'reliable_deterioration') return 2;
  return 3;
}

/**
 * Escalated alerts first (the longest waiting first), then the other open critical answers and low
 * moods (newest first), then reliable deteriorations (newest first), then reviewed ones (most
 * recently reviewed first).
 */
export function sortAlerts(alerts: readonly RiskAlert[]): RiskAlert[] {
  return [...alerts].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r !== 0) return r;
    const ra = rank(a);
    if (ra === 0) return time(a.escalated_at) - time(b.escalated_at) || time(a.created_at) - time(b.created_at);
    if (ra === 3) return time(b.acknowledged?.at) - time(a.acknowledged?.at);
    return time(b.created_at) - time(a.created_at);
  });
}

/** A stable key for lists: computed deteriorations may come without an id. */
export function alertKey(a: RiskAlert): string {
  return a.id || `${a.kind}-${a.client_id}-${a.response_id ?? ''}-${a.entry_id ?? ''}-${a.item ?? ''}`;
}

export const MAX_ACK_NOTE = 2000;

/** Checks the acknowledgement form: an action is required, the note optional and bounded. */
export function ackProblems(action: string, note: string): { action?: string; note?: string } {
  const problems: { action?: string; note?: string } = {};
  if (!(ACK_ACTIONS as readonly string[]).includes(action)) problems.action = t('alerts.ack.actionMissing');
  if (note.trim().length > MAX_ACK_NOTE) problems.note = t('alerts.ack.noteLong', { max: MAX_ACK_NOTE });
  return problems;
}

/** "1 alert is escalated." — for the admin a calm count with no names. */
export function escalationsSentence(count: number, hours: number | null): string {
  if (count <= 0) return hours ? t('alerts.escalations.noneHours', { hours }) : t('alerts.escalations.none');
  return hours ? t('alerts.escalations.someHours', { count, hours }) : t('alerts.escalations.some', { count });
}
