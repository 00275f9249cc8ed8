import { useEffect, useState } from 'preact/hooks';
import type { TroveApi } from '../../api/trove';
import type { InterviewCategory, Strength } from '../../api/types';
import { useSession } from '../../shared/session';
import { currentLocale, useLocale, type Locale } from '../../shared/i18n';

// The 24 strengths and the interview questions never change while the app runs: ask once per
// language (the reader may switch language; the words come from the server in that language).
const strengthsCache = new WeakMap<TroveApi, Map<Locale, Promise<Strength[]>>>();
const interviewCache = new WeakMap<TroveApi, Map<Locale, Promise<InterviewCategory[]>>>();

function cached<T>(cache: WeakMap<TroveApi, Map<Locale, Promise<T>>>, api: TroveApi, locale: Locale, load: () => Promise<T>): Promise<T> {
  let perLocale = cache.get(api);
  if (!perLocale) {
    perLocale = new Map();
    cache.set(api, perLocale);
  }
  let promise = perLocale.get(locale);
  if (!promise) {
    promise = load();
    perLocale.set(locale, promise);
    const loaded = perLocale;
    promise.catch(() => loaded.delete(locale));
  }
  return promise;
}

/** The VIA strengths, or [] while they load (or if they cannot be loaded: the field is optional). */
export function useStrengths(): Strength[] {
  const { api } = useSession();
  const locale = useLocale();
  const [items, setItems] = useState<Strength[]>([]);
  useEffect(() => {
    const promise = cached(strengthsCache, api, locale, () => api.listStrengths(locale).then((r) => r.items));
    let live = true;
    promise.then((list) => live && setItems(list)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, locale]);
  return items;
}

export function loadInterview(api: TroveApi, locale: Locale = currentLocale()): Promise<InterviewCategory[]> {
  return cached(interviewCache, api, locale, () => api.resourceInterview(locale).then((r) => r.categories));
}

/** One line of a strength's description for a select option. */
export function shortDescription(text: string, max = 60): string {
  const t = text.trim();
  const sentence = t.split(/(?<=[.;])\s/)[0] ?? t;
  const chars = [...sentence];
  return chars.length <= max ? sentence.replace(/[.;]$/, '') : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
