import { RISK_LEVELS, type NoteRisk, type RiskLevel } from './types';

/**
 * The risk group every note template has: risk to self and to others (none, low, moderate, high)
 * and a plan. Pure, so tested. The server refuses to sign (409 risk_required) when the client had
 * an open critical-answer or low-mood alert and the levels are not both set; the plan is needed when
 * either level is moderate or high.
 */

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = {
  none: 'None',
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
};

export const RISK_LEVEL_OPTIONS: readonly { value: RiskLevel; label: string }[] = RISK_LEVELS.map((value) => ({
  value,
  label: RISK_LEVEL_LABELS[value],
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
    const missing =
      r.to_self === null && r.to_others === null ? 'the risk to self and to others' : r.to_self === null ? 'the risk to self' : 'the risk to others';
    return `This client had a risk alert open around this session, so the note needs your assessment: rate ${missing}.`;
  }
  if (needsPlan(r) && r.plan.trim() === '') {
    const which = [elevated(r.to_self) ? `to self is ${RISK_LEVEL_LABELS[r.to_self!].toLowerCase()}` : '', elevated(r.to_others) ? `to others is ${RISK_LEVEL_LABELS[r.to_others!].toLowerCase()}` : '']
      .filter(Boolean)
      .join(' and ');
    return `Write the plan: the risk ${which}.`;
  }
  if (r.plan.trim().length > MAX_RISK_PLAN) return `Keep the plan to ${MAX_RISK_PLAN} characters or fewer.`;
  return null;
}

/** The server's 409 risk_required, in words a person can act on. */
export const RISK_REQUIRED_SENTENCE =
  'The note is not signed yet. This client had a risk alert open around this session, so the note needs your risk assessment: rate the risk to self and to others under “Risk”, and write the plan if either is moderate or high.';

/** "Risk to self: low · risk to others: none", for read-only views and unsaved-text rescue. */
export function riskSummary(r: NoteRisk): string {
  const part = (name: string, l: RiskLevel | null) => `${name}: ${l ? RISK_LEVEL_LABELS[l].toLowerCase() : 'not assessed'}`;
  const text = `${part('Risk to self', r.to_self)} · ${part('risk to others', r.to_others)}`;
  return r.plan.trim() ? `${text}. Plan: ${r.plan.trim()}` : text;
}

export function sameRisk(a: NoteRisk, b: NoteRisk): boolean {
  return a.to_self === b.to_self && a.to_others === b.to_others && a.plan === b.plan;
}
