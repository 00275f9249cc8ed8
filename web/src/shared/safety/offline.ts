import type { Crisis } from '../../api/types';
import { normaliseCrisis } from '../crisis';
import { normalisePlan } from './plan';
import type { SafetyPlan } from './types';

/**
 * The one piece of clinical content Trove keeps on a device on purpose: the signed-in client's
 * own safety plan and the practice's crisis numbers, so both open on their phone with no
 * connection (the service worker serves the app; this holds the data). Kept in localStorage
 * under the client's user id, for clients only, and removed when they sign out, when the session
 * ends, or when anyone else signs in on this device (App.tsx calls keepOnlyFor). Therapists'
 * and supervisors' devices keep nothing.
 */

/** The part of Storage this module uses; tests pass a Map-backed fake. */
export interface SafetyStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

export const PREFIX = 'trove.safety.';
/** Whose plan this device may keep now: set by keepOnlyFor whenever who is signed in changes. */
export const OWNER_KEY = 'trove.safetyOwner';

export function safetyKey(userId: string): string {
  return `${PREFIX}${userId}`;
}

export interface OfflineSafety {
  client_id: string | null;
  plan: SafetyPlan | null;
  crisis: Crisis | null;
  review_promise: string | null;
  /** When this device last heard from the server (ISO time). */
  saved_at: string | null;
}

const EMPTY: OfflineSafety = { client_id: null, plan: null, crisis: null, review_promise: null, saved_at: null };

/** What this device holds for `userId` (everything null when nothing or something unreadable is stored). */
export function readOffline(store: SafetyStore | null, userId: string): OfflineSafety {
  if (!store) return { ...EMPTY };
  let raw: string | null;
  try {
    raw = store.getItem(safetyKey(userId));
  } catch {
    return { ...EMPTY };
  }
  if (!raw) return { ...EMPTY };
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    const crisis = normaliseCrisis(v.crisis);
    return {
      client_id: typeof v.client_id === 'string' ? v.client_id : null,
      plan: normalisePlan(v.plan, crisis),
      crisis,
      review_promise: typeof v.review_promise === 'string' && v.review_promise.trim() !== '' ? v.review_promise : null,
      saved_at: typeof v.saved_at === 'string' ? v.saved_at : null,
    };
  } catch {
    return { ...EMPTY };
  }
}

/**
 * Merges `patch` into what is kept for `userId`, if `userId` is who keepOnlyFor last allowed. A
 * plan is kept only for the client it belongs to (a plan of another client id is never written). Storage errors (full, blocked) are ignored:
 * the page still works online.
 */
export function writeOffline(store: SafetyStore | null, userId: string, patch: Partial<OfflineSafety>, now = new Date()): void {
  if (!store) return;
  // An answer that arrives after its client signed out (or someone else signed in) writes nothing.
  try {
    if (store.getItem(OWNER_KEY) !== userId) return;
  } catch {
    return;
  }
  const current = readOffline(store, userId);
  const next: OfflineSafety = { ...current, ...patch, saved_at: now.toISOString() };
  if (next.plan && !next.crisis) next.crisis = next.plan.crisis;
  // Stabilising resources: only the titles are needed to show the plan.
  if (next.plan) next.plan = { ...next.plan, stabilising_resources: next.plan.stabilising_resources.map((r) => ({ id: r.id, title: r.title })) };
  try {
    store.setItem(safetyKey(userId), JSON.stringify(next));
  } catch {
    // Nothing to do: the plan simply is not available offline on this device.
  }
}

/**
 * Removes everything kept for anyone but `userId` (null: for everyone). Called whenever who is
 * signed in changes, so a shared phone never shows one person's plan to the next.
 */
export function keepOnlyFor(store: SafetyStore | null, userId: string | null): void {
  if (!store) return;
  try {
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const k = store.key(i);
      if (k && k.startsWith(PREFIX) && (userId === null || k !== safetyKey(userId))) keys.push(k);
    }
    keys.forEach((k) => store.removeItem(k));
    if (userId === null) store.removeItem(OWNER_KEY);
    else store.setItem(OWNER_KEY, userId);
  } catch {
    // Blocked storage holds nothing to remove.
  }
}

/** The browser's localStorage, or null where it is blocked (private modes, some embedded views). */
export function deviceStore(): SafetyStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
