// Trove's one translation layer: ICU MessageFormat (FormatJS's intl-messageformat) over three
// catalogues with the same keys. English ships in the app's first chunk; Polish and German are
// loaded on demand, each in its own chunk, so the portal's first load stays small. The locale lives
// here and only here: components read it with useLocale()/useT(), plain functions with t().

import { IntlMessageFormat } from 'intl-messageformat';
import { useEffect, useMemo, useState } from 'preact/hooks';
import en from './messages/en';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locale';

export type MessageKey = keyof typeof en;
/** A whole catalogue: every key English has, and no other (TypeScript checks pl.ts and de.ts). */
export type Messages = Record<MessageKey, string>;
/** Values for a message's {placeholders}; numbers drive {n, plural, …}, strings drive {x, select, …}. */
export type MessageValues = Record<string, string | number | Date>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

const catalogues: Partial<Record<Locale, Messages>> = { en };

/** Loads a catalogue (a separate chunk for pl and de); cached after the first call. */
export async function loadCatalogue(locale: Locale): Promise<Messages> {
  const known = catalogues[locale];
  if (known) return known;
  const loaded = locale === 'pl' ? (await import('./messages/pl')).default : (await import('./messages/de')).default;
  catalogues[locale] = loaded;
  return loaded;
}

const compiled = new Map<string, IntlMessageFormat>();

function compile(locale: Locale, key: MessageKey, source: string): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(source, locale);
    compiled.set(id, format);
  }
  return format;
}

/**
 * The message for `key` in `locale`. A catalogue not loaded yet, or a key it lacks (the tests keep
 * that from shipping), falls back to English rather than showing a key to a person.
 */
export function translate(locale: Locale, key: MessageKey, values?: MessageValues): string {
  const own = catalogues[locale]?.[key];
  const useLocale: Locale = own !== undefined ? locale : DEFAULT_LOCALE;
  const source = own ?? en[key];
  if (source === undefined) return key;
  const result = compile(useLocale, key, source).format(values);
  return typeof result === 'string' ? result : String(result);
}

/** Whether a catalogue has a key (errors.ts asks before choosing between a code's sentences). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

// --- The one place the locale lives -------------------------------------------------------------

interface State {
  locale: Locale;
  /** The practice's IANA time zone; undefined = the device's own. */
  timeZone: string | undefined;
}

let state: State = { locale: DEFAULT_LOCALE, timeZone: undefined };
const listeners = new Set<() => void>();
let pending = 0;

function publish(next: State) {
  state = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next.locale;
  for (const listener of [...listeners]) listener();
}

export function currentLocale(): Locale {
  return state.locale;
}

export function currentTimeZone(): string | undefined {
  return state.timeZone;
}

/**
 * Switches the whole app to `locale` once its catalogue is loaded (until then the old language stays,
 * so nobody sees a half-translated page). When calls overlap, the last one wins.
 */
export async function setLocale(locale: Locale): Promise<void> {
  const ticket = ++pending;
  await loadCatalogue(locale);
  if (ticket !== pending) return;
  if (locale !== state.locale) publish({ ...state, locale });
  else if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** Sets the practice's time zone for every date and time Trove shows; an unknown zone is ignored. */
export function setTimeZone(timeZone: string | null | undefined) {
  let zone: string | undefined;
  if (timeZone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      zone = timeZone;
    } catch {
      zone = undefined;
    }
  }
  if (zone !== state.timeZone) publish({ ...state, timeZone: zone });
}

/** Calls `listener` after every change of locale or time zone; returns the unsubscribe. */
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The message for `key` in the current locale: for code outside components (errors, wording helpers). */
export function t(key: MessageKey, values?: MessageValues): string {
  return translate(state.locale, key, values);
}

/** The current locale; the component renders again when it changes. */
export function useLocale(): Locale {
  const [locale, setLocaleState] = useState(state.locale);
  useEffect(() => {
    const update = () => setLocaleState(state.locale);
    update();
    return subscribe(update);
  }, []);
  return locale;
}

/** `t(key, values)` in the current locale; the component renders again when the language changes. */
export function useT(): Translate {
  const locale = useLocale();
  return useMemo<Translate>(() => (key, values) => translate(locale, key, values), [locale]);
}

/**
 * The `lang` attribute for a block whose content is in `contentLanguage` (an English-only
 * questionnaire in the Polish portal): the language when it differs from the page's, else undefined.
 */
export function langIfOther(contentLanguage: string | null | undefined, pageLocale: Locale = state.locale): string | undefined {
  if (!contentLanguage) return undefined;
  const primary = contentLanguage.toLowerCase().split(/[-_]/)[0];
  return primary === pageLocale ? undefined : contentLanguage;
}

export { isLocale };
