import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Crisis, Me } from '../../api/types';
import { useSession } from '../session';
import { fallbackCrisis, normaliseCrisis } from '../crisis';
import { getSafetyPlan } from './api';
import { deviceStore, readOffline, writeOffline } from './offline';
import { normalisePlan } from './plan';
import type { SafetyPlan } from './types';

// What this tab loaded last for the person signed in (therapists included); only clients also
// keep it on the device. Another sign-in in this tab starts afresh (it may be another practice).
const memory: { userId: string | null; crisis: Crisis | null; promise: string | null } = { userId: null, crisis: null, promise: null };

function mine(me: Me | null): typeof memory {
  const id = me?.user.id ?? null;
  if (memory.userId !== id) Object.assign(memory, { userId: id, crisis: null, promise: null });
  return memory;
}

const isClient = (me: Me | null): me is Me => me?.user.role === 'client';

export interface CrisisInfo {
  /** The practice's contacts; null only while the first answer is awaited and nothing is cached. */
  crisis: Crisis | null;
  reviewPromise: string | null;
}

/** What is known right now without a request: this tab's copy, else the signed-in client's device copy. */
export function cachedCrisis(me: Me | null): CrisisInfo {
  const m = mine(me);
  if (m.crisis) return { crisis: m.crisis, reviewPromise: m.promise };
  if (isClient(me)) {
    const kept = readOffline(deviceStore(), me.user.id);
    return { crisis: kept.crisis, reviewPromise: kept.review_promise };
  }
  return { crisis: null, reviewPromise: null };
}

/** Like cachedCrisis, but never empty: with nothing cached, the emergency number (a new practice's default). */
export function crisisForNow(me: Me | null): { crisis: Crisis; reviewPromise: string | null } {
  const c = cachedCrisis(me);
  return { crisis: c.crisis ?? fallbackCrisis(), reviewPromise: c.reviewPromise };
}

/** Remembers crisis contacts that came with another answer (a journal entry, a questionnaire). */
export function rememberCrisis(me: Me | null, crisis: Crisis | undefined | null, promise?: string | null): void {
  const clean = normaliseCrisis(crisis);
  if (!clean) return;
  const m = mine(me);
  m.crisis = clean;
  if (promise) m.promise = promise;
  if (isClient(me)) writeOffline(deviceStore(), me.user.id, { crisis: clean, ...(promise ? { review_promise: promise } : {}) });
}

/**
 * The practice's crisis contacts and review promise, network first. For a signed-in client they
 * are also kept on the device, so they show with no connection.
 */
export function useCrisis(): CrisisInfo {
  const { api, me } = useSession();
  const [info, setInfo] = useState<CrisisInfo>(() => cachedCrisis(me));
  useEffect(() => {
    if (!me) return;
    let live = true;
    Promise.allSettled([api.getCrisis(), api.getPracticeSettings()]).then(([c, s]) => {
      if (!live) return;
      const crisis = c.status === 'fulfilled' ? normaliseCrisis(c.value) : null;
      const promise = s.status === 'fulfilled' && s.value.review_promise ? s.value.review_promise : null;
      const m = mine(me);
      if (crisis) m.crisis = crisis;
      if (promise) m.promise = promise;
      if (isClient(me) && (crisis || promise)) {
        writeOffline(deviceStore(), me.user.id, { ...(crisis ? { crisis } : {}), ...(promise ? { review_promise: promise } : {}) });
      }
      setInfo(cachedCrisis(me));
    });
    return () => {
      live = false;
    };
  }, [me?.user.id]);
  return info;
}

export interface LoadedPlan {
  plan: SafetyPlan | null;
  error: string | null;
  /** Shown from this device because the server cannot be reached. */
  offline: boolean;
  /** When the device copy was last refreshed (only with `offline`). */
  savedAt: string | null;
  /** After a save: show the new plan and keep it on the device. */
  replace: (plan: SafetyPlan) => void;
}

/**
 * One client's safety plan, network first. `ownDevice`: the signed-in client's own plan, which is
 * also kept on this device and shown from there when there is no connection.
 */
export function useSafetyPlan(clientId: string, ownDevice: boolean): LoadedPlan {
  const { api, me } = useSession();
  const keep = ownDevice && isClient(me) && me.user.client_id === clientId;
  const kept = () => (keep ? readOffline(deviceStore(), me!.user.id) : null);
  const [plan, setPlan] = useState<SafetyPlan | null>(() => {
    const k = kept();
    return k && k.client_id === clientId ? k.plan : null;
  });
  const [error, setError] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);

  const store = (p: SafetyPlan) => {
    if (keep) writeOffline(deviceStore(), me!.user.id, { client_id: clientId, plan: p, crisis: p.crisis });
  };

  useEffect(() => {
    let live = true;
    getSafetyPlan(api, clientId)
      .then((answer) => {
        if (!live) return;
        const m = mine(me);
        const p = normalisePlan(answer, m.crisis ?? fallbackCrisis())!;
        m.crisis = p.crisis;
        setPlan(p);
        setOffline(false);
        setError(null);
        store(p);
      })
      .catch((err) => {
        if (!live) return;
        const k = kept();
        if (err instanceof ApiError && err.status === 0 && k && k.client_id === clientId && k.plan) {
          setPlan(k.plan);
          setOffline(true);
          setSavedAt(k.saved_at);
          setError(null);
        } else setError(messageOf(err));
      });
    return () => {
      live = false;
    };
  }, [clientId]);

  return {
    plan,
    error,
    offline,
    savedAt,
    replace: (p) => {
      setPlan(p);
      setOffline(false);
      store(p);
    },
  };
}
