import { t, type MessageKey } from '../../shared/i18n';
import { RISK_LEVELS, type NoteRisk, type RiskLevel } from '../../shared/sessions/types';

/**
 * The risk group every note template has: risk to self and to others (none, low, moderate, high)
 * and a plan. Pure, so tested. The server refuses to sign (409 risk_required) when the client had
 * an open critical-answer or low-mood alert and the levels are not both set; the plan is needed when
 * either level is moderate or high. "Plan" is what keeps the client safe until the next contact
 * (the safety plan, who to call, the next contact), not a plan of the client's.
 */

const LEVEL: Record<RiskLevel, MessageKey> = {
  none: 'sessions.risk.level.none',
  low: 'sessions.risk.level.low',
  moderate: 'sessions.risk.level.moderate',
  high: 'sessions.risk.level.high',
};

/** The same levels inside a sentence ("risk to self: low"). */
const LEVEL_INLINE: Record<RiskLevel, MessageKey> = {
  none: 'sessions.risk.inline.none',
  low: 'sessions.risk.inline.low',
  moderate: 'sessions.risk.inline.moderate',
  high: 'sessions.risk.inline.high',
};

/** "None", "Low", "Moderate", "High", in the reader's language. */
export function riskLevelLabel(l: RiskLevel): string {
  return t(LEVEL[l]);
}

export const RISK_LEVEL_OPTIONS: readonly { value: RiskLevel; label: string }[] = RISK_LEVELS.map((value) => ({
  value,
  get label() {
    return riskLevelLabel(value);
  },
}));

export const MAX_RISK_PLAN = 4000;

export function emptyRisk(): NoteRisk {
  return { to_self: null, to_others: null, plan: '' };
}

function level(v: unknown): RiskLevel | null {
  return typeof v === 'string' && (RISK_LEVELS as readonly string[]).includes(v) ? (v as RiskLevel) : null;
}

/** Reads `fields.risk` as stored; anything unreadable counts as not assessed. */
export function riskOf(value: unknown): NoteRisk {
  if (typeof value !== 'object' || value === null) return emptyRisk();
  const v = value as Record<string, unknown>;
  return { to_self: level(v.to_self), to_others: level(v.to_others), plan: typeof v.plan === 'string' ? v.plan : '' };
}

export function riskIsEmpty(r: NoteRisk): boolean {
  return r.to_self === null && r.to_others === null && r.plan.trim() === '';
}

function elevated(l: RiskLevel | null): boolean {
  return l === 'moderate' || l === 'high';
}

/** A plan is needed when either risk is moderate or high. */
export function needsPlan(r: NoteRisk): boolean {
  return elevated(r.to_self) || elevated(r.to_others);
}

/**
 * Why the note cannot be signed as it is, or null. `required`: the client had an open risk alert
 * around this session, so both levels must be set.
 */
export function riskProblem(r: NoteRisk, required: boolean): string | null {
  if (required && (r.to_self === null || r.to_others === null)) {
    if (r.to_self === null && r.to_others === null) return t('sessions.risk.rate.both');
    return t(r.to_self === null ? 'sessions.risk.rate.self' : 'sessions.risk.rate.others');
  }
  if (needsPlan(r) && r.plan.trim() === '') {
    const self = elevated(r.to_self);
    const others = elevated(r.to_others);
    if (self && others) return t('sessions.risk.planFor.both', { self: r.to_self!, others: r.to_others! });
    return self ? t('sessions.risk.planFor.self', { level: r.to_self! }) : t('sessions.risk.planFor.others', { level: r.to_others! });
  }
  // The limit is written as a plain number ("4000"), as the plan field's counter would show it.
  if (r.plan.trim().length > MAX_RISK_PLAN) return t('sessions.risk.planTooLong', { max: String(MAX_RISK_PLAN) });
  return null;
}

/** The server's 409 risk_required, in words a person can act on. */
export function riskRequiredSentence(): string {
  return t('sessions.risk.required');
}

/** "Risk to self: low · risk to others: none", for read-only views and unsaved-text rescue. */
export function riskSummary(r: NoteRisk): string {
  const inline = (l: RiskLevel | null) => t(l ? LEVEL_INLINE[l] : 'sessions.risk.inline.unset');
  const values = { self: inline(r.to_self), others: inline(r.to_others) };
  return r.plan.trim() ? t('sessions.risk.summaryPlan', { ...values, plan: r.plan.trim() }) : t('sessions.risk.summary', values);
}

export function sameRisk(a: NoteRisk, b: NoteRisk): boolean {
  return a.to_self === b.to_self && a.to_others === b.to_others && a.plan === b.plan;
}
