import { useEffect, useState } from 'preact/hooks';
import type { TroveApi } from '../../api/trove';
import type { InterviewCategory, Strength } from '../../api/types';
import { useSession } from '../../app/session';

// The 24 strengths and the interview questions never change while the app runs: ask once.
const strengthsCache = new WeakMap<TroveApi, Promise<Strength[]>>();
const interviewCache = new WeakMap<TroveApi, Promise<InterviewCategory[]>>();

/** The VIA strengths, or [] while they load (or if they cannot be loaded: the field is optional). */
export function useStrengths(): Strength[] {
  const { api } = useSession();
  const [items, setItems] = useState<Strength[]>([]);
  useEffect(() => {
    let promise = strengthsCache.get(api);
    if (!promise) {
      promise = api.listStrengths().then((r) => r.items);
      strengthsCache.set(api, promise);
      promise.catch(() => strengthsCache.delete(api));
    }
    let live = true;
    promise.then((list) => live && setItems(list)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api]);
  return items;
}

export function loadInterview(api: TroveApi): Promise<InterviewCategory[]> {
  let promise = interviewCache.get(api);
  if (!promise) {
    promise = api.resourceInterview().then((r) => r.categories);
    interviewCache.set(api, promise);
    promise.catch(() => interviewCache.delete(api));
  }
  return promise;
}

/** One line of a strength's description for a select option. */
export function shortDescription(text: string, max = 60): string {
  const t = text.trim();
  const sentence = t.split(/(?<=[.;])\s/)[0] ?? t;
  const chars = [...sentence];
  return chars.length <= max ? sentence.replace(/[.;]$/, '') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
